package io.reelgate.server.engine;

import java.nio.file.Path;

/**
 * Where finished videos and their posters are kept. The engine stores each result through it and
 * records the returned key on the task; the storage package implements it.
 */
public interface ResultStorage {

  /**
   * Copies {@code file} into storage as {@code name} of the task and returns its key. Storing the
   * same name of the same task again replaces it, so a repeated step does no harm.
   */
  String put(String taskId, String name, Path file);
}
