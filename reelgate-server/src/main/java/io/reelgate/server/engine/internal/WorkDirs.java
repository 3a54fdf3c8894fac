package io.reelgate.server.engine.internal;

import io.reelgate.server.config.ReelgateSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Private scratch directories of tasks under {@code <data-dir>/work/<taskId>}: channels render or
 * download into them, and the result is copied into storage from there. They are removed when the
 * task ends.
 */
@Component
class WorkDirs {
  private final Path root;

  WorkDirs(ReelgateSettings settings) {
    this.root = settings.dataDir().resolve("work").toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path dirFor(String taskId) {
    return root.resolve(taskId);
  }

  /** Removes a task's scratch directory and everything in it. */
  void clear(String taskId) {
    deleteTree(dirFor(taskId));
  }

  static void deleteTree(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // why: leftover scratch files waste disk but never break a task; the start-up sweep or the
      // next run of the task removes them
    }
  }
}
