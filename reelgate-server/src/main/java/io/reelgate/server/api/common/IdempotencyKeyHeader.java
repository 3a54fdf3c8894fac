package io.reelgate.server.api.common;

import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.task.SubmitCommand;

/** The {@code Idempotency-Key} request header of submissions, checked the same in every dialect. */
public final class IdempotencyKeyHeader {
  public static final String NAME = "Idempotency-Key";

  private IdempotencyKeyHeader() {}

  /**
   * The key, or null when the header is absent.
   *
   * @throws FieldException when it is empty, too long or not visible ASCII
   */
  public static String check(String value) {
    if (value == null) {
      return null;
    }
    String key = value.trim();
    if (key.isEmpty()
        || key.length() > SubmitCommand.MAX_IDEMPOTENCY_KEY_LENGTH
        || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new FieldException(
          NAME,
          "must be 1 to " + SubmitCommand.MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters");
    }
    return key;
  }
}
