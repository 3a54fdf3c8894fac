package io.reelgate.server.engine.internal;

import io.reelgate.providers.InputImage;
import io.reelgate.providers.ResultMedia;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.task.TaskRecord;
import java.util.List;

/** The input of a stage: the task as last read or written, and what earlier stages produced. */
sealed interface Work {

  TaskRecord task();

  /** The channel slot this work holds, given back if the stage fails; null when it holds none. */
  default Slot slot() {
    return null;
  }

  /** A task as stored, with nothing else yet. */
  record Of(TaskRecord task) implements Work {}

  /** A channel was chosen and a slot on it taken. */
  record Picked(TaskRecord task, Slot slot) implements Work {}

  /** The task runs on the slot's channel and its input images are fetched and checked. */
  record Prepared(TaskRecord task, Slot slot, List<InputImage> inputs) implements Work {}

  /** The channel produced the video (the task is STORING): where to take it from. */
  record Produced(TaskRecord task, Channel channel, ResultMedia media) implements Work {}

  /** The video (and poster) are in storage under these keys. */
  record Stored(TaskRecord task, String videoKey, String posterKey) implements Work {}
}
