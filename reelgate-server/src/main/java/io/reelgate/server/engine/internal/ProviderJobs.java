package io.reelgate.server.engine.internal;

import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.ProviderJob;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.task.TaskRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How a task becomes the job an adapter sees. */
final class ProviderJobs {
  private ProviderJobs() {}

  static ProviderJob of(TaskRecord task, Channel channel, List<InputImage> inputs, Path workDir) {
    GenerationRequest request = task.request();
    return new ProviderJob(
        task.id(), request, sizeOf(task), inputs, channel.upstreamModel(request.model()), workDir);
  }

  /** The task's concrete output size: resolved against the input image once it was fetched. */
  static OutputSize sizeOf(TaskRecord task) {
    return task.outputWidth() == null
        ? task.request().size()
        : OutputSize.of(task.outputWidth(), task.outputHeight());
  }

  /** The request without prompt, images and options: what a poll may need, at a fraction of it. */
  static GenerationRequest slim(GenerationRequest r) {
    return new GenerationRequest(
        r.model(),
        r.kind(),
        "",
        r.durationSeconds(),
        r.size(),
        List.of(),
        r.quality(),
        r.routing(),
        r.seed(),
        Map.of());
  }
}
