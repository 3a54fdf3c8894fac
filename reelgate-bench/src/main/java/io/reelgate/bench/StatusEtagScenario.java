package io.reelgate.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code status_etag}: clients polling APIXO {@code statusTask} with {@code If-None-Match} carrying
 * the {@code ETag} of their previous answer for the same task. Most tasks do not change between
 * polls (those the submit scenario holds in flight); a few complete during the measured run (jobs
 * of the push channel released over it), and a share of polls carry no {@code If-None-Match}
 * ({@link EtagPolls#UNCONDITIONAL_SHARE}). The baseline then answers the same requests with the
 * recorded bytes and 304s.
 *
 * <p>A server that sends no {@code ETag} answers every poll in full; the scenario then reports
 * {@code etag_supported} 0 and the figures of those plain reads.
 */
final class StatusEtagScenario implements Scenario {
  private static final String NAME = "status_etag";

  /** One task in a given model's path. */
  record Target(String model, String taskId) {}

  /** What the baseline did with the recorded requests. */
  record Replay(Load.Result result, long notModified) {}

  private final HeldTasks held;

  StatusEtagScenario(HeldTasks held) {
    this.held = held;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Tasks that complete during the measured run: one per hundred tasks polled, at least 10. */
  static int movingTasks(int heldTasks) {
    return Math.max(10, heldTasks / 100);
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    Report report = ctx.report();
    Options options = ctx.options();
    HttpClient http = ctx.http();
    ServerCluster servers = ctx.servers();
    int c = options.concurrency();
    long window = TimeUnit.SECONDS.toMillis(options.statusEtagSeconds());
    List<Target> targets = new ArrayList<>();
    held.ids().forEach(id -> targets.add(new Target(held.model(), id)));
    List<String> moving = ctx.channels() ? submitMoving(ctx) : List.of();
    moving.forEach(id -> targets.add(new Target(BenchContext.PUSH_MODEL, id)));

    EtagPolls polls = new EtagPolls();
    Log.line("%s", NAME + ": first poll of each of " + targets.size() + " tasks, then warm-up");
    Load.run(
        c,
        targets.size(),
        TimeUnit.MINUTES.toNanos(5),
        i -> {
          Target t = targets.get(i);
          EtagPolls.Poll poll = new EtagPolls.Poll(t.model(), t.taskId(), null);
          HttpResponse<byte[]> r = send(http, servers.baseUrl(), poll, -1);
          polls.learn(t.taskId(), r.statusCode(), etag(r));
          return r.statusCode() == 200;
        });
    Load.run(
        c,
        options.requests(),
        TimeUnit.MINUTES.toNanos(5),
        i -> {
          EtagPolls.Poll poll = nextPoll(polls, targets);
          HttpResponse<byte[]> r = send(http, servers.baseUrl(), poll, -1);
          polls.learn(poll.taskId(), r.statusCode(), etag(r));
          return answered(r);
        });

    Log.line("%s", NAME + ": server, " + options.statusEtagSeconds() + " s");
    List<Long> seqs = moving.stream().map(ctx::seqOf).toList();
    ctx.startProfile(NAME);
    long cpu0 = servers.cpuNanos();
    int released = ctx.stub().release(seqs, window * 8 / 10);
    Load.Result ss =
        poll(
            http,
            servers::baseUrl,
            targets,
            polls,
            c,
            Integer.MAX_VALUE,
            TimeUnit.MILLISECONDS.toNanos(window));
    ss.latencies().report(report, NAME + ".server", ss.wallNanos(), "requests/s");
    ctx.cpuPerItem(NAME + ".server.cpu_per_request", cpu0, polls.answers());
    List<Path> profile = ctx.stopProfile(NAME);
    report.put(NAME + ".etag_supported", polls.etagSupported() ? 1 : 0, "1 = yes");
    report.put(
        NAME + ".server.share_304", EtagPolls.share(polls.notModified(), polls.answers()), "1");
    report.put(
        NAME + ".server.share_conditional",
        EtagPolls.share(polls.conditional(), polls.answers()),
        "1");
    report.put(NAME + ".server.changed", polls.changed(), "1");
    report.put(
        NAME + ".server.body_bytes_per_request",
        polls.answers() == 0 ? 0 : polls.bodyBytes() / (double) polls.answers(),
        "bytes");
    report.put(NAME + ".tasks_completing", released, "1");

    List<EtagPolls.Exchange> exchanges = polls.exchanges();
    if (!exchanges.isEmpty()) {
      baseline(ctx, exchanges, ss);
    }
    note(ctx, polls, targets.size(), released, exchanges.size());
    if (!profile.isEmpty()) {
      report.note(NAME, "");
      ctx.noteProfile(NAME, "during the measured conditional polls", profile);
    }
    if (!moving.isEmpty()) {
      ctx.awaitTerminal(BenchContext.PUSH_MODEL, moving, Duration.ofMinutes(2));
      for (String id : moving) {
        StubUpstream.Job job = ctx.jobOf(id);
        if (job != null && job.completedNanos() > 0 && !job.failed()) {
          ctx.rememberSucceeded(BenchContext.PUSH_MODEL, id);
        }
      }
    }
  }

  /** Submits the tasks that complete during the measured run; their jobs are held until then. */
  private List<String> submitMoving(BenchContext ctx) throws InterruptedException {
    Log.line("%s", NAME + ": submitting the tasks that complete while polled");
    ctx.stub().plan(new StubUpstream.Plan.Hold());
    long createsBefore = ctx.stub().creates();
    List<String> moving =
        ctx.submitMany(BenchContext.PUSH_MODEL, movingTasks(held.ids().size()), null);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && ctx.stub().creates() - createsBefore < moving.size()) {
      Thread.sleep(100);
    }
    return moving;
  }

  /** The baseline answers the recorded requests, in the same order, with the recorded answers. */
  private void baseline(BenchContext ctx, List<EtagPolls.Exchange> exchanges, Load.Result ss)
      throws Exception {
    Report report = ctx.report();
    Baseline baseline = held.baseline();
    int c = ctx.options().concurrency();
    Log.line("%s", NAME + ": baseline");
    replay(
        ctx.http(),
        baseline,
        exchanges.subList(0, Math.min(exchanges.size(), ctx.options().requests())),
        c);
    Replay measured = replay(ctx.http(), baseline, exchanges, c);
    Load.Result bs = measured.result();
    bs.latencies().report(report, NAME + ".baseline", bs.wallNanos(), "requests/s");
    report.put(
        NAME + ".baseline.share_304",
        EtagPolls.share(measured.notModified(), bs.latencies().histogram().getTotalCount()),
        "1");
    ctx.ratio(NAME, bs, ss);
  }

  /**
   * Polls random targets with {@code concurrency} pollers, each poll to the next base URL, until
   * {@code requests} polls or {@code nanos} have passed; every answered poll is recorded in {@code
   * polls}.
   */
  static Load.Result poll(
      HttpClient http,
      Supplier<String> baseUrl,
      List<Target> targets,
      EtagPolls polls,
      int concurrency,
      int requests,
      long nanos)
      throws InterruptedException {
    return Load.run(
        concurrency,
        requests,
        nanos,
        i -> {
          EtagPolls.Poll poll = nextPoll(polls, targets);
          HttpResponse<byte[]> r = send(http, baseUrl.get(), poll, -1);
          if (!answered(r)) {
            return false;
          }
          polls.record(i, poll, r.statusCode(), r.body(), etag(r));
          return true;
        });
  }

  /**
   * Sends the recorded requests to the baseline in their order, each asking for its recorded
   * answer, and counts the 304s it gave.
   */
  static Replay replay(
      HttpClient http, Baseline baseline, List<EtagPolls.Exchange> exchanges, int concurrency)
      throws InterruptedException {
    baseline.replay(exchanges.stream().map(EtagPolls.Exchange::answer).toList());
    AtomicLong notModified = new AtomicLong();
    Load.Result result =
        Load.run(
            concurrency,
            exchanges.size(),
            TimeUnit.MINUTES.toNanos(5),
            i -> {
              HttpResponse<byte[]> r = send(http, baseline.baseUrl(), exchanges.get(i).poll(), i);
              if (r.statusCode() == 304) {
                notModified.incrementAndGet();
              }
              return answered(r);
            });
    return new Replay(result, notModified.get());
  }

  private void note(BenchContext ctx, EtagPolls polls, int tasks, int released, int recorded) {
    Report report = ctx.report();
    report.note(
        NAME,
        String.format(
            Locale.ROOT,
            "APIXO `statusTask` polls of random tasks among %d (%d held in progress at the stub,"
                + " %d completing at the stub over the first %d s of the run), %d at a time for"
                + " %d s after a first poll of every task and a warm-up. Each poll carries the"
                + " `ETag` of the previous answer for its task as `If-None-Match`, except %.0f%%"
                + " sent without it (a client without its previous answer). `share_304` ="
                + " answers 304 / answers; `changed` = polls with `If-None-Match` answered 200."
                + " The baseline then answers the same %d requests, in the same order, with the"
                + " bytes, `ETag`s and 304s the server gave. CPU per request includes storing the"
                + " results of the tasks that completed meanwhile.",
            tasks,
            held.ids().size(),
            released,
            ctx.options().statusEtagSeconds() * 8 / 10,
            ctx.options().concurrency(),
            ctx.options().statusEtagSeconds(),
            EtagPolls.UNCONDITIONAL_SHARE * 100,
            recorded));
    report.note(NAME, "");
    if (polls.etagSupported()) {
      report.note(NAME, "`etag_supported: true`: the server answers with an `ETag`.");
    } else {
      report.note(
          NAME,
          "`etag_supported: false`: the server sent no `ETag`, so no poll carried"
              + " `If-None-Match` and every answer was a full 200; the figures are those of plain"
              + " status reads with this mix of tasks.");
    }
  }

  private static EtagPolls.Poll nextPoll(EtagPolls polls, List<Target> targets) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Target t = targets.get(random.nextInt(targets.size()));
    return polls.next(t.model(), t.taskId(), random.nextDouble());
  }

  /** Sends a poll; {@code replay} ≥ 0 asks the baseline for that recorded answer. */
  private static HttpResponse<byte[]> send(
      HttpClient http, String base, EtagPolls.Poll poll, int replay) throws Exception {
    HttpRequest.Builder b =
        Apixo.statusBuilder(base, BenchContext.API_KEY, poll.model(), poll.taskId());
    if (poll.ifNoneMatch() != null) {
      b.header("If-None-Match", poll.ifNoneMatch());
    }
    if (replay >= 0) {
      b.header(Baseline.REPLAY_HEADER, Integer.toString(replay));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static boolean answered(HttpResponse<?> r) {
    return r.statusCode() == 200 || r.statusCode() == 304;
  }

  private static String etag(HttpResponse<?> r) {
    return r.headers().firstValue("ETag").orElse(null);
  }
}
