package io.reelgate.server.storage;

import io.reelgate.server.engine.ResultStorage;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;

/**
 * The stored results, wherever they are kept: on the local disk (the embedded default) or in an
 * S3-compatible store. A key is {@code <taskId>/<name>}.
 */
public interface ResultFiles extends ResultStorage {
  /** What a well-formed key looks like: a task id and a file name with an extension. */
  Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,80}/[a-z0-9]{1,20}\\.[a-z0-9]{2,5}");

  /**
   * The stored file of a key as a resource that knows its length, when the key is well formed and
   * the file exists. Reading it from an offset (as a {@code Range} request does) reads only from
   * there.
   */
  Optional<Resource> find(String key);

  /**
   * A URL of the store itself that lets anyone read the key until {@code until} (or a shorter time
   * the store allows), when the store has such URLs; the local disk has none.
   */
  Optional<URI> presign(String key, Instant until);

  /** Removes every stored file of a task (its video and poster); a missing one is no error. */
  void deleteAll(String taskId);

  /** Whether a key is well formed. */
  static boolean wellFormed(String key) {
    return key != null && KEY.matcher(key).matches();
  }
}
