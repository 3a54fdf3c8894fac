package io.reelgate.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.reelgate.providers.local.LocalProvider;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The local renderer's frames: a counter whose rate is frames per second over any window, the speed
 * of the last render, and render times. (Open event streams are counted by the event streams
 * themselves, {@code reelgate.event.streams.open}, since no feature depends on the HTTP layer.)
 */
@Component
class RendererMetrics implements MeterBinder, LocalProvider.RenderListener {
  private volatile double lastFramesPerSecond;
  private Counter frames;
  private Timer renders;

  @Override
  public void bindTo(MeterRegistry registry) {
    frames =
        Counter.builder("reelgate.renderer.frames")
            .description("Frames the local renderer made")
            .register(registry);
    renders =
        Timer.builder("reelgate.renderer.renders")
            .description("Time the local renderer took per clip")
            .register(registry);
    Gauge.builder("reelgate.renderer.frames.per.second", this, g -> g.lastFramesPerSecond)
        .description("Frames per second of the last render")
        .register(registry);
  }

  @Override
  public void rendered(int count, long nanos) {
    if (frames != null) {
      frames.increment(count);
      renders.record(nanos, TimeUnit.NANOSECONDS);
    }
    if (nanos > 0) {
      lastFramesPerSecond = count / (nanos / 1e9);
    }
  }
}
