package io.reelgate.client.pixazo;

import java.util.Locale;

/**
 * The {@code status} of Pixazo's universal status object. Open: an unknown value reads as {@link
 * #UNKNOWN}, the wire value stays in {@link PixazoStatus#rawStatus()}.
 */
public enum PixazoState {
  /** Accepted, waiting. */
  QUEUED,
  /** Running or storing. */
  PROCESSING,
  /** Done; {@link PixazoStatus#mediaUrls()} holds the video. */
  COMPLETED,
  /** Failed because of the request (content, image, parameters). */
  FAILED,
  /** Failed because of the system, or cancelled. */
  ERROR,
  /** A value this client does not know. */
  UNKNOWN;

  /** Whether the request will not change any more. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == ERROR;
  }

  /** The state of a wire value; {@link #UNKNOWN} for anything else. */
  public static PixazoState of(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    try {
      PixazoState s = valueOf(value.trim().toUpperCase(Locale.ROOT));
      return s;
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
