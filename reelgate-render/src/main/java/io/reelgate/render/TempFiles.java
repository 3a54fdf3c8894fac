package io.reelgate.render;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Hidden temporary files beside an output, renamed over it when complete. */
final class TempFiles {
  private TempFiles() {}

  /**
   * Creates an empty hidden file next to {@code target}. Unlike {@link Files#createTempFile} it
   * gets the process's usual permissions (the umask), not owner-only ones, because it becomes the
   * output file.
   */
  static Path besides(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    String name = target.getFileName().toString();
    for (int attempt = 0; ; attempt++) {
      Path p =
          dir.resolve(
              "."
                  + name
                  + "."
                  + Long.toHexString(ThreadLocalRandom.current().nextLong())
                  + ".part");
      try {
        return Files.createFile(p);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }
}
