package io.reelgate.server.storage.internal;

import io.reelgate.server.storage.ResultFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Result files on local disk under {@code <data-dir>/results}: the embedded default. Writes go to a
 * temporary file first and are moved into place, so a key either holds a whole file or nothing.
 */
public class LocalResultFiles implements ResultFiles {
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

  private Optional<Path> resolve(String key) {
    if (!ResultFiles.wellFormed(key)) {
      return Optional.empty();
    }
    Path p = root.resolve(key).normalize();
    return p.startsWith(root) ? Optional.of(p) : Optional.empty();
  }
}
