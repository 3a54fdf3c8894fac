package io.reelgate.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of the benchmark and the sizes they imply.
 *
 * @param quick the short mode (a few minutes) instead of the full one
 * @param db {@code h2} (embedded, the default) or {@code postgres}
 * @param postgresUrl the PostgreSQL database for {@code --db postgres}
 * @param jar the packaged server
 * @param out where {@code report.json} and {@code report.md} go
 * @param scenarios the scenarios to run (all when empty)
 * @param profile record the server with Java Flight Recorder during the submit and in-flight runs
 * @param upstreamLatencyMillis added to every answer of the stub upstream
 * @param nodes server processes started on the same database (2 needs PostgreSQL)
 * @param storage {@code local} (each node's data directory) or {@code s3} (an in-process
 *     S3-compatible server whose bucket is handed to the nodes)
 */
public record Options(
    boolean quick,
    String db,
    String postgresUrl,
    Path jar,
    Path out,
    Set<String> scenarios,
    boolean profile,
    long upstreamLatencyMillis,
    int nodes,
    String storage) {

  /** Every scenario, in the order they run. */
  public static final List<String> ALL =
      List.of("render", "submit", "status", "status_etag", "inflight", "slow_receiver", "download");

  private static final String USAGE =
      "usage: [--quick|--full] [--db h2|postgres] [--postgres-url jdbc:...] [--nodes 1|2]"
          + " [--storage local|s3] [--jar reelgate-server.jar] [--out dir] [--only "
          + String.join(",", ALL)
          + "] [--no-profile] [--upstream-latency-ms n]";

  public static Options parse(String... args) {
    boolean quick = false;
    String db = "h2";
    String pg = System.getenv().getOrDefault("REELGATE_BENCH_POSTGRES_URL", "");
    if (pg.isBlank()) {
      pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    }
    Path jar = Path.of("reelgate-server/target/reelgate-server.jar");
    Path out = Path.of("reelgate-bench/target");
    Set<String> scenarios = new LinkedHashSet<>();
    boolean profile = true;
    long latency = 0;
    int nodes = 1;
    String storage = "local";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--full" -> quick = false;
        case "--db" -> db = value(args, ++i, "--db");
        case "--postgres-url" -> pg = value(args, ++i, "--postgres-url");
        case "--jar" -> jar = Path.of(value(args, ++i, "--jar"));
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--only" -> {
          for (String s : value(args, ++i, "--only").split(",")) {
            if (!ALL.contains(s.trim())) {
              throw new IllegalArgumentException(
                  "--only: unknown scenario " + s + "; one of " + ALL);
            }
            scenarios.add(s.trim());
          }
        }
        case "--no-profile" -> profile = false;
        case "--upstream-latency-ms" -> {
          latency = number(value(args, ++i, "--upstream-latency-ms"), "--upstream-latency-ms");
          if (latency < 0) {
            throw new IllegalArgumentException("--upstream-latency-ms must not be negative");
          }
        }
        case "--nodes" -> {
          String n = value(args, ++i, "--nodes");
          if (!n.equals("1") && !n.equals("2")) {
            throw new IllegalArgumentException("--nodes must be 1 or 2, not " + n);
          }
          nodes = Integer.parseInt(n);
        }
        case "--storage" -> storage = value(args, ++i, "--storage");
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    if (!db.equals("h2") && !db.equals("postgres")) {
      throw new IllegalArgumentException("--db must be h2 or postgres, not " + db);
    }
    if (!storage.equals("local") && !storage.equals("s3")) {
      throw new IllegalArgumentException("--storage must be local or s3, not " + storage);
    }
    if (nodes > 1 && !db.equals("postgres")) {
      throw new IllegalArgumentException(
          "--nodes " + nodes + " requires --db postgres (the nodes share one database)");
    }
    return new Options(
        quick, db, pg, jar, out, Set.copyOf(scenarios), profile, latency, nodes, storage);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static long number(String value, String option) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, not " + value);
    }
  }

  public boolean runs(String scenario) {
    return scenarios.isEmpty() || scenarios.contains(scenario);
  }

  /** Whether results go to the in-process S3-compatible server. */
  public boolean s3() {
    return storage.equals("s3");
  }

  /** Requests of the submit and status runs (each, after a warm-up). */
  public int requests() {
    return quick ? 4_000 : 20_000;
  }

  /** Requests in flight at once from the load generator. */
  public int concurrency() {
    return 16;
  }

  /** Seconds of the measured conditional status polls ({@code status_etag}). */
  public int statusEtagSeconds() {
    return quick ? 10 : 30;
  }

  /** Task counts of the in-flight runs. */
  public List<Integer> inFlight() {
    return quick ? List.of(500, 2_000) : List.of(1_000, 10_000);
  }

  /** The largest in-flight run, the one the goals are stated for. */
  public int largestInFlight() {
    return inFlight().get(inFlight().size() - 1);
  }

  /** Tasks sent to the fast receiver while a slow one is present. */
  public int slowReceiverTasks() {
    return quick ? 500 : 2_000;
  }

  /** Seconds of Range downloads. */
  public int downloadSeconds() {
    return quick ? 10 : 30;
  }

  /** Timed renders per size. */
  public int renderRuns() {
    return quick ? 1 : 3;
  }

  /** Untimed renders per size before the timed ones, so the JIT has compiled the hot paths. */
  public int renderWarmups() {
    return quick ? 1 : 2;
  }
}
