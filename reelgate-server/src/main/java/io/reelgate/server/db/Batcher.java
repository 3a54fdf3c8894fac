package io.reelgate.server.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work that many threads hand in as batches on one thread of its own: each batch is whatever
 * has queued up meanwhile (at most {@code maxBatch}), so under light load a batch holds one item
 * and adds no wait, and under load one transaction carries many items. The batch function must
 * complete every item of its batch, with a result or with the item's own failure.
 */
public final class Batcher<I extends Batcher.Item<?>> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Batcher.class);

  /** One piece of work and where its outcome goes. */
  public abstract static class Item<R> {
    final CompletableFuture<R> outcome = new CompletableFuture<>();

    public void succeed(R result) {
      outcome.complete(result);
    }

    public void fail(RuntimeException failure) {
      outcome.completeExceptionally(failure);
    }

    public boolean done() {
      return outcome.isDone();
    }

    /** Waits for the outcome and passes the item's own failure on unchanged. */
    public R await() {
      try {
        return outcome.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
  }

  private final BlockingQueue<I> queue = new LinkedBlockingQueue<>();
  private final int maxBatch;
  private final Consumer<List<I>> process;
  private final Thread worker;
  private volatile boolean closed;

  public Batcher(String name, int maxBatch, Consumer<List<I>> process) {
    this.maxBatch = maxBatch;
    this.process = process;
    this.worker = Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  /** Hands an item in; its outcome comes with {@link Item#await}. */
  public void submit(I item) {
    if (closed) {
      throw new IllegalStateException("the server is stopping");
    }
    queue.add(item);
  }

  /** Items handed in and not yet taken into a batch. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<I> batch = new ArrayList<>(maxBatch);
    while (!closed || !queue.isEmpty()) {
      I first;
      try {
        // why: a bounded wait rather than an interrupt ends the thread, since a database write on
        // an interrupted thread makes the embedded database close its file
        first = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (first == null) {
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, maxBatch - 1);
      try {
        process.accept(batch);
      } catch (RuntimeException e) {
        log.warn("a batch of {} failed as a whole", batch.size(), e);
        batch.forEach(i -> i.fail(e));
      } finally {
        for (I i : batch) {
          if (!i.done()) {
            i.fail(new IllegalStateException("the batch left this item without an outcome"));
          }
        }
        batch.clear();
      }
    }
    List<I> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(i -> i.fail(new IllegalStateException("the server is stopping")));
  }

  /** Takes no more items, lets the queued ones run and waits for the worker to end. */
  @Override
  public void close() {
    closed = true;
    try {
      worker.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
