package io.reelgate.server.engine.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * What a stopped process left under {@code <data-dir>/work}: the half-written files of renders and
 * downloads it was making ({@code .reelgate-*.mdat} payloads, hidden {@code .*.part} outputs) and
 * results being downloaded ({@code download-*.mp4}), and the scratch directories of tasks that have
 * ended since. A file counts as left behind only when it was last written before this process
 * started, so nothing this process is writing is touched.
 *
 * <p>A task still in flight keeps its directory and its complete files; only its half-written ones
 * go, since every render or download writes new temporary files and never resumes an old one.
 */
final class StaleWork {
  private final Path root;
  private final Predicate<String> unfinished;
  private final Instant startedAt;

  /**
   * @param root the work directory
   * @param unfinished whether a task id names a task that is not finished (its files are kept)
   * @param startedAt when this process started; only files written before it are removed
   */
  StaleWork(Path root, Predicate<String> unfinished, Instant startedAt) {
    this.root = root;
    this.unfinished = unfinished;
    this.startedAt = startedAt;
  }

  /** What one sweep removed. */
  record Removed(int files, int directories) {}

  /** Removes what was left behind and says how much. */
  Removed sweep() throws IOException {
    if (!Files.isDirectory(root)) {
      return new Removed(0, 0);
    }
    int files = 0;
    int directories = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry)) {
          if (unfinished.test(entry.getFileName().toString())) {
            files += removeHalfWritten(entry);
          } else if (writtenBeforeStart(entry)) {
            WorkDirs.deleteTree(entry);
            directories++;
          }
        } else if (isHalfWritten(entry) && writtenBeforeStart(entry)) {
          Files.deleteIfExists(entry);
          files++;
        }
      }
    }
    return new Removed(files, directories);
  }

  private int removeHalfWritten(Path dir) throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path file : entries) {
        if (Files.isRegularFile(file) && isHalfWritten(file) && writtenBeforeStart(file)) {
          Files.deleteIfExists(file);
          removed++;
        }
      }
    }
    return removed;
  }

  /** The temporary names of the renderer and of downloads into a work directory. */
  static boolean isHalfWritten(Path file) {
    String name = file.getFileName().toString();
    return (name.startsWith(".reelgate-") && name.endsWith(".mdat"))
        || (name.startsWith(".") && name.endsWith(".part"))
        || (name.startsWith("download-") && name.endsWith(".mp4"));
  }

  private boolean writtenBeforeStart(Path path) throws IOException {
    return Files.getLastModifiedTime(path).toInstant().isBefore(startedAt);
  }
}
