package io.reelgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load generator: a fixed number of virtual threads, each sending its next request as
 * soon as the previous one is answered, until a number of requests or a duration is reached.
 */
public final class Load {
  /** One request; returns whether it succeeded. The argument numbers the request from 0. */
  @FunctionalInterface
  public interface Call {
    boolean call(int index) throws Exception;
  }

  /** The outcome of one run. */
  public record Result(Latencies latencies, long wallNanos, int requests) {}

  private Load() {}

  /**
   * Sends {@code requests} calls (or as many as fit in {@code maxNanos}) with {@code concurrency}
   * callers at once.
   */
  public static Result run(int concurrency, int requests, long maxNanos, Call call)
      throws InterruptedException {
    Latencies latencies = new Latencies();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    long deadline = start + maxNanos;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (System.nanoTime() < deadline) {
                      int i = next.getAndIncrement();
                      if (i >= requests) {
                        return;
                      }
                      long t0 = System.nanoTime();
                      boolean ok;
                      try {
                        ok = call.call(i);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      } catch (Exception e) {
                        ok = false;
                      }
                      if (ok) {
                        latencies.recordNanos(System.nanoTime() - t0);
                      } else {
                        latencies.error();
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    long wall = System.nanoTime() - start;
    return new Result(latencies, wall, Math.min(next.get(), requests));
  }
}
