package io.reelgate.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelgate.server.support.Http;
import io.reelgate.server.support.PackagedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged server with SIGKILL while tasks are pending and processing, starts it again on
 * the same data directory, and checks that every accepted task succeeds exactly once and is charged
 * exactly once.
 */
class CrashRecoveryIT {
  static final String KEY = "rg_crash_test_key_000000000";
  static final long CREDITS = 1_000_000;
  static final int TASKS = 6;

  Process server;

  private static Process start(Path dataDir, int port, String name) throws Exception {
    return PackagedServer.start(
        dataDir,
        port,
        name,
        Map.of(
            "REELGATE_BOOTSTRAP_API_KEY",
            KEY,
            "REELGATE_BOOTSTRAP_CREDITS",
            String.valueOf(CREDITS)));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Test
  void acceptedTasksSurviveKillMinus9() throws Exception {
    Path dataDir = Files.createTempDirectory("reelgate-crash");
    int port = PackagedServer.freePort();
    String base = "http://localhost:" + port;
    server = start(dataDir, port, "first");

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      ids.add(submit(base, i));
    }
    // wait until work is under way: at least one task processing, some still pending
    Map<String, String> before = awaitStates(base, ids, s -> s.containsValue("processing"));
    assertThat(before.values()).as("states before the kill: %s", before).contains("pending");
    // two more, acknowledged just before the kill: an acknowledged task must already be on disk
    ids.add(submit(base, TASKS));
    ids.add(submit(base, TASKS + 1));

    server.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no graceful stop
    assertThat(server.exitValue()).isEqualTo(137);

    server = start(dataDir, port, "second");
    Map<String, String> after =
        awaitStates(
            base,
            ids,
            s -> s.values().stream().allMatch(v -> v.equals("success") || v.equals("failed")));
    assertThat(after.values()).as("states after restart: %s", after).containsOnly("success");

    server.destroy();
    server.waitFor();
    try (Connection db =
        DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/reelgate"), "sa", "")) {
      assertThat(count(db, "SELECT COUNT(*) FROM tasks")).isEqualTo(ids.size());
      assertThat(count(db, "SELECT COUNT(*) FROM tasks WHERE state = 'SUCCEEDED'"))
          .isEqualTo(ids.size());
      assertThat(count(db, "SELECT COUNT(*) FROM ledger WHERE kind = 'RESERVE'"))
          .isEqualTo(ids.size());
      assertThat(count(db, "SELECT COUNT(*) FROM ledger WHERE kind = 'CAPTURE'"))
          .isEqualTo(ids.size());
      assertThat(count(db, "SELECT COUNT(*) FROM ledger WHERE kind = 'RELEASE'")).isZero();
      // the recurring retention job stays scheduled; no job of a task or a webhook is left
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM scheduled_tasks"
                      + " WHERE task_name IN ('advance-task', 'deliver-webhook')"))
          .isZero();
      long price = 40; // sora-2: 10 credits/s × 4 s
      try (ResultSet rs =
          db.createStatement().executeQuery("SELECT balance, reserved, spent FROM accounts")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(CREDITS - ids.size() * price);
        assertThat(rs.getLong(2)).isZero();
        assertThat(rs.getLong(3)).isEqualTo(ids.size() * price);
      }
      assertThat(count(db, "SELECT COALESCE(SUM(amount), 0) FROM ledger"))
          .isEqualTo(CREDITS - ids.size() * price);
    }
    for (String id : ids) {
      assertThat(dataDir.resolve("results").resolve(id).resolve("video.mp4")).isNotEmptyFile();
    }
  }

  @Test
  void aGracefulStopMidRenderLeavesTheDatabaseHealthyAndTheTasksFinish() throws Exception {
    Path dataDir = Files.createTempDirectory("reelgate-stop");
    int port = PackagedServer.freePort();
    String base = "http://localhost:" + port;
    server = start(dataDir, port, "first");
    List<String> ids = new ArrayList<>(List.of(submit(base, 0), submit(base, 1), submit(base, 2)));
    awaitStates(base, ids, s -> s.containsValue("processing"));

    server.destroy(); // SIGTERM: a graceful stop that interrupts the renders in progress
    assertThat(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dataDir.resolve("first.log"));
    assertThat(log).doesNotContain("JDBC commit failed").doesNotContain("MVStoreException");

    server = start(dataDir, port, "second");
    Map<String, String> after =
        awaitStates(
            base,
            ids,
            s -> s.values().stream().allMatch(v -> v.equals("success") || v.equals("failed")));
    assertThat(after.values()).as("states after restart: %s", after).containsOnly("success");
    server.destroy();
    server.waitFor();
    try (Connection db =
        DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/reelgate"), "sa", "")) {
      assertThat(count(db, "SELECT COUNT(*) FROM ledger WHERE kind = 'CAPTURE'"))
          .isEqualTo(ids.size());
      assertThat(count(db, "SELECT COUNT(*) FROM ledger WHERE kind = 'RELEASE'")).isZero();
    }
  }

  private static String submit(String base, int i) {
    Http.Response r =
        Http.send(
            "POST",
            base + "/api/v1/generateTask/sora-2",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"crash test clip "
                + i
                + "\", \"duration\": 4}}",
            "Authorization",
            "Bearer " + KEY);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("data").get("taskId").stringValue();
  }

  private static long count(Connection db, String sql) throws Exception {
    try (ResultSet rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Map<String, String> awaitStates(
      String base, List<String> ids, java.util.function.Predicate<Map<String, String>> done)
      throws InterruptedException {
    return await("task states")
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Map<String, String> states = new HashMap<>();
              for (String id : ids) {
                Http.Response r =
                    Http.send(
                        "GET",
                        base + "/api/v1/statusTask/sora-2?taskId=" + id,
                        null,
                        "Authorization",
                        "Bearer " + KEY);
                assertThat(r.status()).as("status of %s: %s", id, r.text()).isEqualTo(200);
                states.put(id, r.json().get("data").get("state").stringValue());
              }
              return states;
            },
            done);
  }
}
