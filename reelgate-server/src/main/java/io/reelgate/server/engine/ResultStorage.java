package io.reelgate.server.engine;

import java.nio.file.Path;

/**
 * Where finished videos and their posters are kept. The engine stores each result through it and
 * records the returned key on the task; the storage package implements it.
 */
public interface ResultStorage {

  /**
   * Copies {@code file} into storage as {@code name} of the task and returns its key. Storing the
   * same name of the same task again replaces it, so a repeated step does no harm. The file stays
   * where it is; the caller removes it.
   *
   * @throws StorageUnavailableException when the store cannot take it now but may later
   */
  String put(String taskId, String name, Path file);
}
