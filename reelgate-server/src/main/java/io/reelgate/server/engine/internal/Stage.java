package io.reelgate.server.engine.internal;

/**
 * One stage of a task's life: it reads what it needs from its input, does its work and says what
 * comes next. A stage throws when its work fails; the {@link StepRunner} turns the failure into
 * data and lets the {@link FailurePolicy} decide.
 */
interface Stage<I extends Work> {

  Step run(I input);

  /**
   * Whether a failure of this stage happens before any upstream accepted the job, so that moving
   * the task to another channel cannot make a second upstream job.
   */
  default boolean beforeAcceptance() {
    return false;
  }
}
