package io.reelgate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Http;
import io.reelgate.server.support.PackagedServer;
import io.reelgate.server.support.PostgresSchemas;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Packaged server processes on one PostgreSQL schema, as nodes behind a load balancer would run:
 * the same configuration, their own names. Until results live in an object store, the nodes share
 * one data directory, so a result one node stored is on the other's disk too (the H2 file there is
 * unused: the database is PostgreSQL).
 */
final class ClusterNodes implements AutoCloseable {
  static final String KEY = "rg_test_two_nodes_0123456789";
  static final long CREDITS = 100_000_000L;

  final String schema;
  final Path data;
  final Path config;
  final StubUpstream upstream;
  final Map<String, Node> nodes = new HashMap<>();

  ClusterNodes(String prefix, StubUpstream upstream) throws Exception {
    this.schema = PostgresSchemas.create(prefix);
    this.upstream = upstream;
    this.data = Files.createTempDirectory("reelgate-" + prefix);
    this.config = data.resolve("reelgate.yml");
    Files.writeString(
        config,
        """
        reelgate:
          channels:
            - id: stub
              protocol: openai-videos
              base-url: %s/v1
              api-key: sk-stub
              route: official
              webhook-secret: %s
              models:
                veo-3-1: veo-3-1
                sora-2-pro: sora-2-pro
        """
            .formatted(upstream.baseUrl(), TwoNodesIT.WEBHOOK_SECRET));
  }

  /** One server process. */
  final class Node {
    final String name;
    final int port = PackagedServer.freePort();
    Process process;

    Node(String name) {
      this.name = name;
    }

    String base() {
      return "http://localhost:" + port;
    }

    void start() throws Exception {
      String url = System.getenv(PostgresSchemas.URL_VARIABLE);
      String withSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      Map<String, String> env = new HashMap<>();
      env.put("REELGATE_DATABASE_URL", withSchema);
      env.put("REELGATE_DATABASE_USER", "");
      env.put("REELGATE_BOOTSTRAP_API_KEY", KEY);
      env.put("REELGATE_BOOTSTRAP_CREDITS", String.valueOf(CREDITS));
      env.put("REELGATE_CONFIG", config.toString());
      env.put("REELGATE_ALLOW_PRIVATE_NETWORKS", "true");
      env.put("REELGATE_URL_SIGNING_KEY", "two-nodes-share-one-url-signing-key-0123456789");
      env.put("REELGATE_NODE_ID", name);
      env.put("REELGATE_NODE_LEASE", "4s");
      env.put("REELGATE_LOCAL_MAX_RENDERS", "2");
      process =
          PackagedServer.start(
              data,
              port,
              name,
              env,
              "--spring.flyway.schemas=" + schema,
              "--spring.flyway.default-schema=" + schema,
              "--db-scheduler.polling-strategy=lock-and-fetch",
              "--spring.datasource.hikari.maximum-pool-size=10",
              "--spring.datasource.hikari.minimum-idle=2",
              "--reelgate.polling.backstop=2m");
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
      process.destroyForcibly().waitFor();
    }

    /** SIGTERM, then waits for the exit. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }

    String log() throws Exception {
      return Files.readString(data.resolve(name + ".log"));
    }
  }

  Node node(String name) {
    return nodes.computeIfAbsent(name, Node::new);
  }

  Connection db() throws SQLException {
    String url = System.getenv(PostgresSchemas.URL_VARIABLE);
    return DriverManager.getConnection(
        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
  }

  long count(String sql, Object... args) throws SQLException {
    try (Connection c = db();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  List<String> strings(String sql, Object... args) throws SQLException {
    try (Connection c = db();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /**
   * The ledger is exact: nothing reserved, every success captured once and everything else released
   * once, and the balance is the initial credits less the captured ones.
   */
  void assertLedgerExact() throws SQLException {
    long succeeded = count("SELECT COUNT(*) FROM tasks WHERE state = 'SUCCEEDED'");
    long otherEnds = count("SELECT COUNT(*) FROM tasks WHERE state IN ('FAILED', 'CANCELLED')");
    assertThat(
            count(
                "SELECT COUNT(*) FROM tasks WHERE state NOT IN ('SUCCEEDED', 'FAILED',"
                    + " 'CANCELLED')"))
        .as("unfinished tasks")
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM ledger WHERE kind = 'CAPTURE'")).isEqualTo(succeeded);
    assertThat(count("SELECT COUNT(*) FROM ledger WHERE kind = 'RELEASE'")).isEqualTo(otherEnds);
    assertThat(count("SELECT COUNT(*) FROM ledger WHERE kind = 'RESERVE'"))
        .isEqualTo(succeeded + otherEnds);
    long captured =
        count(
            "SELECT COALESCE(SUM(r.reserved_delta), 0) FROM ledger r JOIN ledger c"
                + " ON c.settles_task = r.reserves_task AND c.kind = 'CAPTURE'"
                + " WHERE r.kind = 'RESERVE'");
    assertThat(count("SELECT SUM(reserved) FROM accounts")).isZero();
    assertThat(count("SELECT balance FROM accounts a JOIN api_keys k ON k.account_id = a.id"))
        .isEqualTo(CREDITS - captured);
  }

  /** Submits through the APIXO dialect; {@code callback}: with a callback to the stub. */
  static Http.Response submit(String base, String model, String prompt, String callback) {
    String input =
        model.equals("veo-3-1")
            ? "{\"mode\":\"fast\",\"prompt\":\"%s\",\"generationType\":\"TEXT_2_VIDEO\","
                    .formatted(prompt)
                + "\"aspect_ratio\":\"16:9\"}"
            : "{\"mode\":\"text-to-video\",\"prompt\":\"%s\",\"duration\":4}".formatted(prompt);
    String body =
        callback == null
            ? "{\"request_type\":\"async\",\"input\":" + input + "}"
            : "{\"request_type\":\"callback\",\"callback_url\":\"%s\",\"input\":%s}"
                .formatted(callback, input);
    return Http.send(
        "POST",
        base + "/api/v1/generateTask/" + model,
        body,
        "Authorization",
        "Bearer " + KEY,
        "Content-Type",
        "application/json");
  }

  static JsonNode status(String base, String model, String taskId) {
    Http.Response r =
        Http.send(
            "GET",
            base + "/api/v1/statusTask/" + model + "?taskId=" + taskId,
            null,
            "Authorization",
            "Bearer " + KEY);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("data");
  }

  /** An account-wide event stream whose events are recorded with their arrival time. */
  static final class Events implements AutoCloseable {
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Event id ({@code task:version}) → arrival (System.nanoTime) and data. */
    final Map<String, Long> arrivals = new ConcurrentHashMap<>();

    final Map<String, String> data = new ConcurrentHashMap<>();
    private final InputStream body;
    private final Thread reader;

    Events(String base) throws Exception {
      HttpResponse<InputStream> r =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.statusCode()).isEqualTo(200);
      body = r.body();
      reader = Thread.ofVirtual().start(this::read);
    }

    private void read() {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String id = null;
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("id:")) {
            id = line.substring(3).trim();
          } else if (line.startsWith("data:") && id != null) {
            long at = System.nanoTime();
            arrivals.putIfAbsent(id, at);
            data.putIfAbsent(id, line.substring(5).trim());
          } else if (line.isEmpty()) {
            id = null;
          }
        }
      } catch (Exception closed) {
        // the stream ended
      }
    }

    @Override
    public void close() throws Exception {
      body.close();
      reader.interrupt();
    }
  }

  @Override
  public void close() throws Exception {
    for (Node n : nodes.values()) {
      if (n.process != null && n.process.isAlive()) {
        n.stop();
      }
    }
  }
}
