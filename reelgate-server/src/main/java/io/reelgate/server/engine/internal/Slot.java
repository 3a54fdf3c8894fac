package io.reelgate.server.engine.internal;

import io.reelgate.server.routing.Channel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A place for one job on a channel of this node, taken when a stage starts work there. Whoever
 * holds it gives it back once: the submit stage when the channel answered synchronously or failed,
 * the {@link JobTracker} when it stops polling the job.
 */
final class Slot {
  private final Channel channel;
  private final AtomicBoolean released = new AtomicBoolean();

  private Slot(Channel channel) {
    this.channel = channel;
  }

  /** A slot on the channel if it has a free one, else null. */
  static Slot tryTake(Channel channel) {
    return channel.tryAcquire() ? new Slot(channel) : null;
  }

  /** A slot even when the channel is full: for a job already running upstream, taken back. */
  static Slot force(Channel channel) {
    channel.acquireInFlight();
    return new Slot(channel);
  }

  Channel channel() {
    return channel;
  }

  /** Gives the slot back; later calls do nothing. */
  void release() {
    if (released.compareAndSet(false, true)) {
      channel.release();
    }
  }
}
