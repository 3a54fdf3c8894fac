package io.reelgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.server.Ids;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.support.ServerTest;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.internal.TaskRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A slow webhook receiver does not hold up a fast one: 100 finished tasks call back to a receiver
 * that takes 20 s to answer and 1,000 to one that answers at once. The tasks are finished through
 * the real lifecycle (no videos are made), so the outbox writes the deliveries and schedules their
 * jobs as it does in production. The test ends once the fast receiver has everything; the timings
 * are printed, not asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class WebhookFairnessIT {
  static final int FAST = 1000;
  static final int SLOW = 100;
  static final int CAP = 4;
  static final long SLOW_ANSWER_MS = 20_000;
  static final FastReceiver fast = new FastReceiver();
  static final SlowReceiver slow = new SlowReceiver();
  private static final Path DATA_DIR = ServerTest.tempDataDir("reelgate-fairness-it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServerTest.embeddedServer(registry, DATA_DIR, "rg_fairness_it_0123456789abcdef");
    registry.add("reelgate.webhooks.max-concurrent-per-host", () -> Integer.toString(CAP));
  }

  @Autowired TaskRepository tasks;
  @Autowired TaskLifecycle lifecycle;
  @Autowired Wallet wallet;
  @Autowired WebhookDeliveries deliveries;
  @Autowired JdbcClient jdbc;

  @AfterAll
  static void stop() {
    slow.close();
    fast.close();
  }

  @Test
  void aSlowReceiverDoesNotHoldUpAFastOne() throws Exception {
    String account = wallet.createAccount("fairness", 0);
    String slowUrl = slow.url();
    String fastUrl = fast.url();

    long start = System.currentTimeMillis();
    ExecutorService finishers = Executors.newFixedThreadPool(8);
    List<Future<?>> finishing = new ArrayList<>();
    // the slow receiver's tasks finish first, so their deliveries are ahead in the queue
    for (int i = 0; i < SLOW; i++) {
      finishing.add(finishers.submit(() -> failed(account, slowUrl)));
    }
    for (int i = 0; i < FAST; i++) {
      finishing.add(finishers.submit(() -> succeeded(account, fastUrl)));
    }
    for (Future<?> f : finishing) {
      f.get(60, TimeUnit.SECONDS);
    }
    finishers.shutdown();
    long enqueued = System.currentTimeMillis();

    await(() -> fast.ids.size() >= FAST, "all fast deliveries", 75_000);
    long lastFast = Collections.max(fast.firstSeen.values());
    int slowHitsThen = slow.hits.get();
    long slowDeliveredThen = delivered(slowUrl);
    // the sender records each 200 just after the answer; once every fast delivery is recorded
    // as delivered, none of them can be sent again, so the counts below are final
    await(() -> delivered(fastUrl) == FAST, "fast deliveries to be recorded", 10_000);

    assertThat(fast.ids).hasSize(FAST);
    assertThat(fast.ids.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(fast.hits.get()).isEqualTo(FAST);

    List<Long> latencies = new ArrayList<>();
    for (Map.Entry<String, Long> seen : fast.firstSeen.entrySet()) {
      WebhookDeliveries.Delivery d = deliveries.find(seen.getKey()).orElseThrow();
      assertThat(d.url()).isEqualTo(fastUrl);
      latencies.add(seen.getValue() - d.createdAt());
    }
    Collections.sort(latencies);

    long elapsed = lastFast - start;
    System.out.printf(
        "webhook fairness: %d tasks finished (enqueued) in %d ms; 1,000th fast delivery received"
            + " %d ms after the first was enqueued%n",
        FAST + SLOW, enqueued - start, elapsed);
    System.out.printf(
        "webhook fairness: fast per-delivery latency (outbox row -> received) p50 %d ms, p95 %d"
            + " ms, max %d ms; at most %d in flight at the fast receiver%n",
        latencies.get(latencies.size() / 2),
        latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1),
        latencies.get(latencies.size() - 1),
        fast.maxInFlight.get());
    System.out.printf(
        "webhook fairness: when the fast ones were done the slow receiver had %d requests (%d"
            + " answered and recorded), at most %d at once%n",
        slowHitsThen, slowDeliveredThen, slow.maxInFlight.get());

    // each endpoint is capped on its own: neither receiver ever had more than the cap at once
    assertThat(fast.maxInFlight.get()).isLessThanOrEqualTo(CAP);
    assertThat(slow.maxInFlight.get()).isBetween(1, CAP);
    // the slow receiver got only what its cap lets through in the time; most of its deliveries
    // were still pending when the fast receiver had all of its own
    long rounds = 1 + elapsed / SLOW_ANSWER_MS;
    assertThat((long) slowHitsThen).isLessThanOrEqualTo(CAP * rounds);
    assertThat(slowDeliveredThen).isLessThan(SLOW / 2);
    assertThat(pending(slowUrl)).isGreaterThan(SLOW / 2);
  }

  private Void succeeded(String account, String callbackUrl) {
    TaskRecord task = queued(account, callbackUrl);
    task = lifecycle.start(task, "fairness-channel", 1280, 720);
    task = lifecycle.storing(task);
    lifecycle.succeed(task, "results/" + task.id() + ".mp4", null);
    return null;
  }

  private Void failed(String account, String callbackUrl) {
    lifecycle.fail(
        queued(account, callbackUrl), FailureCode.PROCESSING_TIMEOUT, "the upstream gave up");
    return null;
  }

  private TaskRecord queued(String account, String callbackUrl) {
    long now = System.currentTimeMillis();
    TaskRecord task =
        TaskRecord.queued(
            Ids.timeOrdered("task_", now),
            account,
            null,
            "apixo",
            new GenerationRequest(
                "sora-2",
                GenerationKind.TEXT_TO_VIDEO,
                "a paper boat",
                4,
                OutputSize.of(1280, 720),
                List.of(),
                null,
                Routing.OFFICIAL,
                null,
                Map.of()),
            0,
            callbackUrl,
            now);
    tasks.insert(task);
    return task;
  }

  private long delivered(String url) {
    return countIn(url, "DELIVERED");
  }

  private long pending(String url) {
    return countIn(url, "PENDING") + countIn(url, "FAILED");
  }

  private long countIn(String url, String state) {
    return jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries WHERE url = ? AND state = ?")
        .params(url, state)
        .query(Long.class)
        .single();
  }

  private static void await(BooleanSupplier condition, String what, long timeoutMs) {
    Awaitility.await(what)
        .atMost(Duration.ofMillis(timeoutMs))
        .pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
  }

  /** A receiver on 127.0.0.1 that counts requests and how many it is handling at once. */
  abstract static class CountingReceiver implements AutoCloseable {
    final HttpServer server;
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    CountingReceiver(ExecutorService executor) {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.setExecutor(executor);
      server.createContext(
          "/",
          exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            hits.incrementAndGet();
            try (InputStream in = exchange.getRequestBody()) {
              in.readAllBytes();
              handle(exchange);
              exchange.sendResponseHeaders(200, -1);
            } finally {
              inFlight.decrementAndGet();
              exchange.close();
            }
          });
      server.start();
    }

    abstract void handle(HttpExchange exchange);

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** Answers 200 at once and records when each webhook id first arrived and how often. */
  static final class FastReceiver extends CountingReceiver {
    final Map<String, AtomicInteger> ids = new ConcurrentHashMap<>();
    final Map<String, Long> firstSeen = new ConcurrentHashMap<>();

    FastReceiver() {
      super(Executors.newFixedThreadPool(16));
    }

    @Override
    void handle(HttpExchange exchange) {
      long at = System.currentTimeMillis();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      firstSeen.putIfAbsent(id, at);
      ids.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** Takes 20 s to answer 200; closing it lets the waiting requests answer at once. */
  static final class SlowReceiver extends CountingReceiver {
    final CountDownLatch released = new CountDownLatch(1);

    SlowReceiver() {
      super(Executors.newVirtualThreadPerTaskExecutor());
    }

    @Override
    void handle(HttpExchange exchange) {
      try {
        released.await(SLOW_ANSWER_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      released.countDown();
      super.close();
    }
  }
}
