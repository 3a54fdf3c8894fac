package io.reelgate.core.task;

/** The internal lifecycle of a task; dialects show it in their own words. */
public enum TaskState {
  /** Accepted and waiting for dispatch. */
  QUEUED,
  /** Handed to a channel: rendering, or submitted upstream and running there. */
  RUNNING,
  /** The upstream finished; the result is being copied into storage. */
  STORING,
  /** The video is stored and can be downloaded. */
  SUCCEEDED,
  /** Failed; the failure code says whether the request or the system caused it. */
  FAILED,
  /** Cancelled before it finished. */
  CANCELLED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
