package io.reelgate.server.engine.internal;

import java.time.Instant;

/** What a stage hands on: the next stage with its input, a wait for the durable job, or the end. */
sealed interface Step {

  /** Run {@code stage} with {@code input} next, right away. */
  record Go<I extends Work>(Stage<I> stage, I input) implements Step {
    Step run() {
      return stage.run(input);
    }
  }

  /** Nothing to do before {@code until}; the task's durable job looks again then. */
  record Wait(Instant until) implements Step {}

  /** The task is finished or gone. */
  record End() implements Step {}

  static <I extends Work> Step go(Stage<I> stage, I input) {
    return new Go<>(stage, input);
  }

  static Step end() {
    return new End();
  }
}
