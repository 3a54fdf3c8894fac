package io.reelgate.client.apixo;

import java.util.Locale;

/**
 * The APIXO {@code state} of a task. Open: a state this client does not know yet reads as {@link
 * #UNKNOWN} (the wire value stays in {@link TaskStatus#rawState()}).
 */
public enum TaskState {
  /** Accepted, waiting to run. */
  PENDING("pending"),
  /** Running upstream, or storing the finished video. */
  PROCESSING("processing"),
  /** Finished; the video is stored and the result URLs are set. */
  SUCCESS("success"),
  /** Failed or cancelled; {@code failCode} says why. No credits were charged. */
  FAILED("failed"),
  /** A state this version of the client does not know. */
  UNKNOWN("unknown");

  private final String wire;

  TaskState(String wire) {
    this.wire = wire;
  }

  /** The wire value, e.g. {@code pending}. */
  public String wireValue() {
    return wire;
  }

  /** Whether a task in this state will not change any more. */
  public boolean isFinal() {
    return this == SUCCESS || this == FAILED;
  }

  /** The state of a wire value; {@link #UNKNOWN} for anything else (and null). */
  public static TaskState of(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (TaskState s : values()) {
      if (s != UNKNOWN && s.wire.equals(v)) {
        return s;
      }
    }
    return UNKNOWN;
  }
}
