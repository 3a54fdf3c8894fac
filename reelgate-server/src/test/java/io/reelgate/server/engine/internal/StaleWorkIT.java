package io.reelgate.server.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The half-written files of a killed node ({@code work/.reelgate-*.mdat}, hidden {@code .part}
 * outputs, unfinished downloads) and the directories of ended tasks are removed; the complete files
 * of tasks still in flight and files written by the running process are kept.
 */
class StaleWorkIT {
  /** Before this JVM started: what a process that died earlier left. */
  static final Instant EARLIER =
      Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
          .minus(Duration.ofHours(1));

  @Test
  void halfWrittenFilesGoAndATaskInFlightKeepsItsCompleteFiles(@TempDir Path root)
      throws IOException {
    Path topPayload = plant(root.resolve(".reelgate-4711.mdat"), EARLIER);
    Path running = root.resolve("task_running");
    Path runningPayload = plant(running.resolve(".reelgate-99.mdat"), EARLIER);
    Path runningPart = plant(running.resolve(".video.mp4.1f2e.part"), EARLIER);
    Path runningDownload = plant(running.resolve("download-3b1c.mp4"), EARLIER);
    Path runningInput = plant(running.resolve("video.mp4"), EARLIER);
    Path ended = root.resolve("task_ended");
    plant(ended.resolve("video.mp4"), EARLIER);
    plant(ended.resolve(".poster.jpg.77.part"), EARLIER);
    Path unrelated = plant(root.resolve("notes.txt"), EARLIER);
    Path fresh = plant(root.resolve(".reelgate-now.mdat"), Instant.now().plusSeconds(60));

    StaleWork.Removed removed =
        new StaleWork(root, Set.of("task_running")::contains, EARLIER.plusSeconds(1800)).sweep();

    assertThat(topPayload).doesNotExist();
    assertThat(runningPayload).doesNotExist();
    assertThat(runningPart).doesNotExist();
    assertThat(runningDownload).doesNotExist();
    assertThat(runningInput).exists();
    assertThat(ended).doesNotExist();
    assertThat(unrelated).exists();
    assertThat(fresh).exists();
    assertThat(removed).isEqualTo(new StaleWork.Removed(4, 1));
  }

  @Test
  void nothingToSweepWithoutAWorkDirectory(@TempDir Path root) throws IOException {
    assertThat(new StaleWork(root.resolve("work"), id -> true, Instant.now()).sweep())
        .isEqualTo(new StaleWork.Removed(0, 0));
  }

  static Path plant(Path file, Instant modified) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {0, 0, 0, 8, 'm', 'd', 'a', 't'});
      Files.setLastModifiedTime(file, FileTime.from(modified));
      Files.setLastModifiedTime(file.getParent(), FileTime.from(modified));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
