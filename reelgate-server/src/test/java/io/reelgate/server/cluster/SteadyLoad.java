package io.reelgate.server.cluster;

import static org.awaitility.Awaitility.await;

import io.reelgate.server.cluster.ClusterNodes.Node;
import io.reelgate.server.support.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Steady submit and status traffic spread over the nodes in rotation, as a load balancer with
 * health checks would send it: a node is taken out of rotation and drained (no request to it in
 * flight) before it is stopped, and put back once it answers again. Every request that fails or
 * answers anything but 200 is recorded.
 */
final class SteadyLoad implements AutoCloseable {
  private final List<Node> rotation = new CopyOnWriteArrayList<>();
  private final Map<Node, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, String> tasks = new ConcurrentHashMap<>();
  private final List<String> taskIds = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger turn = new AtomicInteger();
  private final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(2, Thread.ofVirtual().factory());
  private volatile boolean submitting = true;

  SteadyLoad(List<Node> nodes) {
    rotation.addAll(nodes);
    nodes.forEach(n -> inFlight.put(n, new AtomicInteger()));
  }

  void start() {
    timer.scheduleAtFixedRate(this::submitOne, 0, 1_000, TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(this::readOne, 50, 100, TimeUnit.MILLISECONDS);
  }

  /** The next node in rotation, with one more request in flight to it. */
  private synchronized Node pick() {
    List<Node> now = new ArrayList<>(rotation);
    Node node = now.get(Math.floorMod(turn.getAndIncrement(), now.size()));
    inFlight.get(node).incrementAndGet();
    return node;
  }

  private void submitOne() {
    if (!submitting) {
      return;
    }
    int n = taskIds.size();
    // why: local renders share two busy cores with both nodes; most tasks go to the stub upstream
    String model = n % 8 == 0 ? "sora-2" : "veo-3-1";
    Http.Response r = send(node -> ClusterNodes.submit(node.base(), model, "rolling " + n, null));
    if (r != null && r.status() == 200) {
      String id = r.json().get("data").get("taskId").stringValue();
      tasks.put(id, model);
      taskIds.add(id);
    }
  }

  private void readOne() {
    if (taskIds.isEmpty()) {
      return;
    }
    String id = taskIds.get(Math.floorMod(turn.get(), taskIds.size()));
    String model = tasks.get(id);
    send(
        node ->
            Http.send(
                "GET",
                node.base() + "/api/v1/statusTask/" + model + "?taskId=" + id,
                null,
                "Authorization",
                "Bearer " + ClusterNodes.KEY));
  }

  private Http.Response send(Function<Node, Http.Response> request) {
    Node node = pick();
    AtomicInteger count = inFlight.get(node);
    requests.incrementAndGet();
    try {
      Http.Response r = request.apply(node);
      if (r.status() != 200) {
        failures.add(node.name + ": " + r.status() + " " + r.text());
      }
      return r;
    } catch (RuntimeException e) {
      failures.add(node.name + ": " + e);
      return null;
    } finally {
      count.decrementAndGet();
    }
  }

  /** Takes the node out of rotation and waits until no request to it is in flight. */
  void drain(Node node) {
    synchronized (this) {
      rotation.remove(node);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> inFlight.get(node).get() == 0);
  }

  void restore(Node node) {
    rotation.add(node);
  }

  void stopSubmitting() {
    submitting = false;
  }

  int submitted() {
    return taskIds.size();
  }

  int requests() {
    return requests.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  Map<String, String> tasks() {
    return Map.copyOf(tasks);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
