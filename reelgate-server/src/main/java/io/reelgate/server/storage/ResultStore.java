package io.reelgate.server.storage;

import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.engine.ResultStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Result files on local disk under {@code <data-dir>/results}. A key is {@code <taskId>/<name>};
 * writes go to a temporary file first and are moved into place, so a key either holds a whole file
 * or nothing. The temporary files of copies a stopped process did not finish are removed at
 * start-up.
 */
@Component
public class ResultStore implements ResultStorage, SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(ResultStore.class);
  private static final Pattern KEY =
      Pattern.compile("[A-Za-z0-9_-]{1,80}/[a-z0-9]{1,20}\\.[a-z0-9]{2,5}");

  private final Path root;

  public ResultStore(ReelgateSettings settings) {
    this.root = settings.dataDir().resolve("results").toAbsolutePath().normalize();
  }

  /** Copies {@code source} into storage under {@code taskId/name} and returns the key. */
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

  /** The file of a key, when the key is well formed and the file exists. */
  public Optional<Path> find(String key) {
    return resolve(key).filter(Files::isRegularFile);
  }

  /** Removes every stored file of a task (its video and poster); a missing one is no error. */
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
    if (key == null || !KEY.matcher(key).matches()) {
      return Optional.empty();
    }
    Path p = root.resolve(key).normalize();
    return p.startsWith(root) ? Optional.of(p) : Optional.empty();
  }
}
