package io.reelgate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelgate.server.db.Database;
import io.reelgate.server.engine.Next;
import io.reelgate.server.engine.TaskEngine;
import io.reelgate.server.support.PostgresSchemas;
import io.reelgate.server.task.TaskJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The lease rules on PostgreSQL, with other nodes written straight into the tables: a job held by a
 * live node cannot be claimed, a dead node's jobs are moved to now once and become claimable, a
 * node that finds its own lease gone stops polling and joins again, and a release gives everything
 * up. Skipped without {@code REELGATE_TEST_POSTGRES_URL}.
 */
class NodeLeasesIT {
  final List<String> moved = new CopyOnWriteArrayList<>();
  final AtomicInteger stoppedTracking = new AtomicInteger();
  JdbcClient jdbc;
  NodeLeases node;

  @BeforeEach
  void schema() throws Exception {
    Assumptions.assumeTrue(PostgresSchemas.configured(), PostgresSchemas.SKIPPED);
    String schema = PostgresSchemas.create("leases");
    String url = System.getenv(PostgresSchemas.URL_VARIABLE);
    SimpleDriverDataSource ds = new SimpleDriverDataSource();
    ds.setDriverClass(org.postgresql.Driver.class);
    ds.setUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    Flyway.configure()
        .dataSource(ds)
        .schemas(schema)
        .defaultSchema(schema)
        .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
        .load()
        .migrate();
    jdbc = JdbcClient.create(ds);
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("jobs", new RecordingJobs());
    beans.addBean("engine", new RecordingEngine());
    node =
        new NodeLeases(
            new Database.Shared("PostgreSQL"),
            jdbc,
            new NodeSettings("me", Duration.ofSeconds(2), Duration.ZERO),
            beans.getBeanProvider(TaskJobs.class),
            beans.getBeanProvider(TaskEngine.class));
  }

  @AfterEach
  void release() {
    if (node != null) {
      node.release();
    }
  }

  void otherNode(String id, String leaseUntil, String... tasks) {
    jdbc.sql(
            "INSERT INTO cluster_nodes (node_id, started_at, lease_until) VALUES (?, now(), now()"
                + " + CAST(? AS INTERVAL))")
        .params(id, leaseUntil)
        .update();
    for (String t : tasks) {
      jdbc.sql("INSERT INTO upstream_job_owners (task_id, node_id, since) VALUES (?, ?, now())")
          .params(t, id)
          .update();
    }
  }

  String ownerOf(String task) {
    return jdbc.sql("SELECT node_id FROM upstream_job_owners WHERE task_id = ?")
        .param(task)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  @Test
  void aJobHeldByALiveNodeIsNotClaimedAndAFreeOneIs() {
    otherNode("alive", "1 hour", "t-held");
    node.afterSingletonsInstantiated();
    assertThat(node.claim("t-held")).isFalse();
    assertThat(ownerOf("t-held")).isEqualTo("alive");
    assertThat(node.claim("t-free")).isTrue();
    assertThat(node.claim("t-free")).as("claiming again what it holds").isTrue();
    assertThat(ownerOf("t-free")).isEqualTo("me");
  }

  @Test
  void aDeadNodesJobsAreMovedToNowOnceAndBecomeClaimable() {
    otherNode("dead", "-1 second", "t1", "t2");
    otherNode("alive", "1 hour", "t3");
    node.afterSingletonsInstantiated();
    await().atMost(Duration.ofSeconds(10)).until(() -> moved.size() >= 2);
    assertThat(moved).containsExactlyInAnyOrder("t1", "t2");
    assertThat(
            jdbc.sql("SELECT node_id FROM cluster_nodes ORDER BY node_id")
                .query(String.class)
                .list())
        .containsExactly("alive", "me");
    assertThat(ownerOf("t1")).isNull();
    assertThat(node.claim("t1")).isTrue();
    assertThat(node.claim("t3")).isFalse();
  }

  @Test
  void aNodeThatFindsItsLeaseGoneStopsPollingAndJoinsAgain() {
    node.afterSingletonsInstantiated();
    assertThat(node.claim("t1")).isTrue();
    jdbc.sql("UPDATE cluster_nodes SET lease_until = now() - INTERVAL '1 second'").update();
    await().atMost(Duration.ofSeconds(10)).until(() -> stoppedTracking.get() > 0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql("SELECT COUNT(*) FROM cluster_nodes WHERE lease_until > now()")
                        .query(Long.class)
                        .single()
                    == 1);
    assertThat(moved).as("its own jobs are due again").contains("t1");
  }

  @Test
  void aReleaseGivesTheLeaseAndEveryJobUp() {
    node.afterSingletonsInstantiated();
    node.claim("t1");
    node.claim("t2");
    assertThat(node.release()).containsExactlyInAnyOrder("t1", "t2");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM upstream_job_owners").query(Long.class).single())
        .isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM cluster_nodes").query(Long.class).single()).isZero();
    node = null;
  }

  final class RecordingJobs implements TaskJobs {
    @Override
    public void scheduleNew(List<String> taskIds) {}

    @Override
    public void runAt(String taskId, Instant at) {
      moved.add(taskId);
    }

    @Override
    public void stop(String taskId) {}
  }

  final class RecordingEngine implements TaskEngine {
    @Override
    public Next advance(String taskId) {
      return new Next.Done();
    }

    @Override
    public int jobsTracked() {
      return 0;
    }

    @Override
    public void finishedElsewhere(String taskId) {}

    @Override
    public Set<String> stopTracking(boolean forGood, Duration drain) {
      stoppedTracking.incrementAndGet();
      return Set.of();
    }
  }
}
