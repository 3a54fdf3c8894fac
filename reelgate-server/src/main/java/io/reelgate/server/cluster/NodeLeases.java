package io.reelgate.server.cluster;

import io.reelgate.server.db.Database;
import io.reelgate.server.engine.JobOwnership;
import io.reelgate.server.engine.TaskEngine;
import io.reelgate.server.task.TaskChanged;
import io.reelgate.server.task.TaskJobs;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This node's lease and the upstream jobs it polls, on a database shared by nodes. The node renews
 * one row ({@code cluster_nodes}) every quarter lease; a job it polls is named on a row of {@code
 * upstream_job_owners}. A claim takes a job that nobody holds, that this node holds, or whose
 * holder let its lease run out, in one statement, so two live nodes never both hold a job. Every
 * renewal also looks for nodes whose lease ran out: the one node that removes such a node's row
 * moves the durable jobs of that node's tasks to now, and db-scheduler hands each to whichever node
 * picks it first, which claims it and polls it. On the embedded database every claim succeeds and
 * nothing is written.
 */
@Component
public class NodeLeases implements JobOwnership, SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(NodeLeases.class);
  private static final int DELETE_CHUNK = 500;

  private final boolean shared;
  private final JdbcClient jdbc;
  private final NodeSettings settings;
  private final ObjectProvider<TaskJobs> jobs;
  private final ObjectProvider<TaskEngine> engine;
  private final String nodeId;
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("node-lease").factory());
  private volatile boolean released;

  NodeLeases(
      Database database,
      JdbcClient jdbc,
      NodeSettings settings,
      ObjectProvider<TaskJobs> jobs,
      ObjectProvider<TaskEngine> engine) {
    this.shared = database.sharedByNodes();
    this.jdbc = jdbc;
    this.settings = settings;
    this.jobs = jobs;
    this.engine = engine;
    this.nodeId = settings.id().isBlank() ? generatedId() : settings.id();
  }

  /** This node's name in the lease table. */
  public String nodeId() {
    return nodeId;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!shared) {
      return;
    }
    register();
    long every = settings.renewEvery().toMillis();
    timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    log.info("node {} joined; lease {}", nodeId, settings.lease());
  }

  @Override
  public boolean claim(String taskId) {
    if (!shared) {
      return true;
    }
    return jdbc.sql(
            "INSERT INTO upstream_job_owners (task_id, node_id, since) VALUES (?, ?, now())"
                + " ON CONFLICT (task_id) DO UPDATE SET node_id = EXCLUDED.node_id, since = now()"
                + " WHERE upstream_job_owners.node_id = EXCLUDED.node_id OR NOT EXISTS (SELECT 1"
                + " FROM cluster_nodes n WHERE n.node_id = upstream_job_owners.node_id"
                + " AND n.lease_until > now()) RETURNING node_id")
        .params(taskId, nodeId)
        .query(String.class)
        .optional()
        .isPresent();
  }

  /** A finished task's job is polled by nobody: its row goes with the next renewal. */
  @EventListener
  public void onTaskChanged(TaskChanged event) {
    if (shared && event.task().state().isTerminal()) {
      finished.add(event.task().id());
    }
  }

  /**
   * Gives up this node's lease and every job it holds, and returns their tasks (for a node that
   * stops, after it stopped polling and running jobs): the other nodes may take them at once.
   */
  public List<String> release() {
    if (!shared || released) {
      return List.of();
    }
    released = true;
    timer.shutdownNow();
    forgetFinished();
    List<String> held =
        jdbc.sql("SELECT task_id FROM upstream_job_owners WHERE node_id = ?")
            .param(nodeId)
            .query(String.class)
            .list();
    jdbc.sql("DELETE FROM upstream_job_owners WHERE node_id = ?").param(nodeId).update();
    jdbc.sql("DELETE FROM cluster_nodes WHERE node_id = ?").param(nodeId).update();
    return held;
  }

  /** Moves the durable jobs of these tasks to now, so the first node that looks takes them. */
  void runNow(List<String> taskIds) {
    TaskJobs durable = jobs.getObject();
    Instant now = Instant.now();
    for (String id : taskIds) {
      durable.runAt(id, now);
    }
  }

  private void tick() {
    try {
      renew();
      takeOverDeadNodes();
      forgetFinished();
    } catch (RuntimeException e) {
      log.warn("node {}: lease renewal failed: {}", nodeId, e.getMessage());
    }
  }

  private void register() {
    int updated =
        jdbc.sql(
                "UPDATE cluster_nodes SET started_at = now(), lease_until = now() + ? * INTERVAL"
                    + " '1 millisecond' WHERE node_id = ?")
            .params(settings.lease().toMillis(), nodeId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO cluster_nodes (node_id, started_at, lease_until)"
                  + " VALUES (?, now(), now() + ? * INTERVAL '1 millisecond')")
          .params(nodeId, settings.lease().toMillis())
          .update();
    }
    // why: jobs still named on this node were held by its previous run (same fixed id) or before
    // it lost its lease; nobody polls them now
    List<String> left =
        jdbc.sql("SELECT task_id FROM upstream_job_owners WHERE node_id = ?")
            .param(nodeId)
            .query(String.class)
            .list();
    if (!left.isEmpty()) {
      log.info("node {}: taking back {} job(s) it held before", nodeId, left.size());
      runNow(left);
    }
  }

  private void renew() {
    int renewed =
        jdbc.sql(
                "UPDATE cluster_nodes SET lease_until = now() + ? * INTERVAL '1 millisecond'"
                    + " WHERE node_id = ? AND lease_until > now()")
            .params(settings.lease().toMillis(), nodeId)
            .update();
    if (renewed == 0) {
      // why: the lease ran out (a long pause, or the database was away): other nodes may have
      // taken this node's jobs, so it stops polling them and claims them again like anyone else
      log.warn("node {}: its lease ran out; it stops polling and joins again", nodeId);
      engine.getObject().stopTracking(false, Duration.ZERO);
      register();
    }
  }

  private void takeOverDeadNodes() {
    List<String> dead =
        jdbc.sql("SELECT node_id FROM cluster_nodes WHERE lease_until < now()")
            .query(String.class)
            .list();
    for (String node : dead) {
      // why: only the node whose delete removes the row moves the jobs, once
      int removed =
          jdbc.sql("DELETE FROM cluster_nodes WHERE node_id = ? AND lease_until < now()")
              .param(node)
              .update();
      if (removed == 0) {
        continue;
      }
      List<String> tasks =
          jdbc.sql("SELECT task_id FROM upstream_job_owners WHERE node_id = ?")
              .param(node)
              .query(String.class)
              .list();
      log.info(
          "node {} stopped renewing its lease; its {} job(s) are taken over", node, tasks.size());
      runNow(tasks);
      jdbc.sql("DELETE FROM upstream_job_owners WHERE node_id = ?").param(node).update();
    }
  }

  private void forgetFinished() {
    if (finished.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(finished);
    for (int i = 0; i < ids.size(); i += DELETE_CHUNK) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + DELETE_CHUNK));
      jdbc.sql("DELETE FROM upstream_job_owners WHERE task_id IN (:ids)")
          .param("ids", chunk)
          .update();
      chunk.forEach(finished::remove);
    }
  }

  private static String generatedId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "node";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
