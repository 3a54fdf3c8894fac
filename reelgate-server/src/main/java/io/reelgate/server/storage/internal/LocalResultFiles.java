package io.reelgate.server.storage.internal;

import io.reelgate.server.storage.ResultFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Result files on local disk under {@code <data-dir>/results}: the embedded default. Writes go to a
 * temporary file first and are moved into place, so a key either holds a whole file or nothing. The
 * temporary files of copies a stopped process did not finish are removed at start-up.
 */
public class LocalResultFiles implements ResultFiles, SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(LocalResultFiles.class);

  private final Path root;

  public LocalResultFiles(Path dataDir) {
    this.root = dataDir.resolve("results").toAbsolutePath().normalize();
  }

  @Override
  public String put(String taskId, String name, Path source) {
    String key = taskId + "/" + name;
    Path target = resolve(key).orElseThrow(() -> new IllegalArgumentException("bad key " + key));
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), name, ".part");
      Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not store " + key, e);
    }
    return key;
  }

  @Override
  public Optional<Resource> find(String key) {
    return resolve(key).filter(Files::isRegularFile).map(FileSystemResource::new);
  }

  @Override
  public Optional<URI> presign(String key, Instant until) {
    return Optional.empty();
  }

  @Override
  public void deleteAll(String taskId) {
    Path dir = resolve(taskId + "/video.mp4").map(Path::getParent).orElse(null);
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the files of " + taskId, e);
    }
  }

  @Override
  public void afterSingletonsInstantiated() {
    Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    try {
      int removed = removeHalfWritten(started);
      if (removed > 0) {
        log.info("Removed {} half-written result file(s) left by an earlier run", removed);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("Could not clean the result directory {}: {}", root, e.toString());
    }
  }

  /**
   * Removes the temporary files of copies into storage ({@code <taskId>/<name>*.part}) last written
   * before {@code before}: a copy is never resumed, so they are of no use once their process ended.
   */
  int removeHalfWritten(Instant before) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int removed = 0;
    try (var tasks = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : tasks) {
        try (var parts = Files.newDirectoryStream(dir, "*.part")) {
          for (Path part : parts) {
            if (Files.getLastModifiedTime(part).toInstant().isBefore(before)) {
              Files.deleteIfExists(part);
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }

  private Optional<Path> resolve(String key) {
    if (!ResultFiles.wellFormed(key)) {
      return Optional.empty();
    }
    Path p = root.resolve(key).normalize();
    return p.startsWith(root) ? Optional.of(p) : Optional.empty();
  }
}
