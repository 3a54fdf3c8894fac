package io.reelgate.providers;

import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything an adapter needs for one task.
 *
 * @param taskId the gateway's task id (adapters may use it as an idempotency key)
 * @param request the normalized request
 * @param size the concrete output size (orientation already resolved against the input image)
 * @param images the input images, fetched and checked
 * @param upstreamModel the model id on the upstream side
 * @param workDir a private directory for files the adapter produces
 */
public record ProviderJob(
    String taskId,
    GenerationRequest request,
    OutputSize size,
    List<InputImage> images,
    String upstreamModel,
    Path workDir) {

  public ProviderJob {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(size, "size");
    images = images == null ? List.of() : List.copyOf(images);
    Objects.requireNonNull(workDir, "workDir");
  }
}
