package io.reelgate.server.engine.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.reelgate.providers.ResultMedia;
import io.reelgate.server.engine.ResultStorage;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.UpstreamCalls;
import io.reelgate.server.task.TaskRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Copies the video (and the poster, when the channel made one) into storage: a file the channel
 * wrote is stored as it is; a result given by URL is downloaded through the channel's own adapter
 * (with whatever credentials it needs) into the task's scratch directory first.
 */
@Component
class StoreResult implements Stage<Work.Produced> {
  static final String VIDEO = "video.mp4";
  static final String POSTER = "poster.jpg";

  private final ResultStorage storage;
  private final UpstreamCalls calls;
  private final WorkDirs workDirs;
  private final FinishTask next;
  private final ObservationRegistry observations;

  /** The observation of one write to the result storage. */
  static final String OBSERVATION = "reelgate.storage";

  StoreResult(
      ResultStorage storage,
      UpstreamCalls calls,
      WorkDirs workDirs,
      FinishTask next,
      ObservationRegistry observations) {
    this.observations = observations;
    this.storage = storage;
    this.calls = calls;
    this.workDirs = workDirs;
    this.next = next;
  }

  @Override
  public Step run(Work.Produced work) {
    TaskRecord task = work.task();
    ResultMedia media = work.media();
    String videoKey =
        media.file() != null
            ? put(task, VIDEO, media.file())
            : download(task, work.channel(), media);
    String posterKey = media.posterFile().map(p -> put(task, POSTER, p)).orElse(null);
    return Step.go(next, new Work.Stored(task, videoKey, posterKey));
  }

  private String put(TaskRecord task, String name, Path file) {
    Observation put =
        Observation.createNotStarted(OBSERVATION, observations)
            .contextualName("storage put")
            .lowCardinalityKeyValue("operation", "put")
            .highCardinalityKeyValue("task.id", task.id())
            .highCardinalityKeyValue("name", name)
            .start();
    try (Observation.Scope scope = put.openScope()) {
      String key = storage.put(task.id(), name, file);
      put.lowCardinalityKeyValue("outcome", "ok");
      return key;
    } catch (RuntimeException e) {
      put.lowCardinalityKeyValue("outcome", "error");
      put.error(e);
      throw e;
    } finally {
      put.stop();
    }
  }

  private String download(TaskRecord task, Channel channel, ResultMedia media) {
    Path dir = workDirs.dirFor(task.id());
    // why: a unique name, since the tracker and a backstop run may download the same result at once
    Path temp = dir.resolve("download-" + UUID.randomUUID() + ".mp4");
    try {
      Files.createDirectories(dir);
      calls.call(
          channel,
          UpstreamCalls.Operation.DOWNLOAD,
          () -> {
            channel.provider().download(ProviderJobs.of(task, channel, null, dir), media, temp);
            return null;
          });
      return put(task, VIDEO, temp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // why: a leftover scratch file is removed with the work directory
      }
    }
  }
}
