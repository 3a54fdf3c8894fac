package io.reelgate.server.engine;

import java.time.Instant;

/** What a task's durable job does after one run. */
public sealed interface Next {

  /** The task is finished (or gone): the job ends. */
  record Done() implements Next {}

  /** The job runs again at this time. */
  record RunAt(Instant at) implements Next {}
}
