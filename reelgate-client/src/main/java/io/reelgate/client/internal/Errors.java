package io.reelgate.client.internal;

import io.reelgate.client.ApiException;
import io.reelgate.client.AuthenticationException;
import io.reelgate.client.BadRequestException;
import io.reelgate.client.ConflictException;
import io.reelgate.client.ContentPolicyException;
import io.reelgate.client.InsufficientCreditsException;
import io.reelgate.client.NotFoundException;
import io.reelgate.client.RateLimitedException;
import io.reelgate.client.ServerException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The one table from an error answer to an exception. Every dialect's error body is read: APIXO
 * {@code {"code","message","data"}}, Pixazo and admin {@code {"error","message"}}.
 */
public final class Errors {
  /** A message that starts by naming a field: {@code input.duration must be one of 4, 8, 12}. */
  private static final Pattern FIELD =
      Pattern.compile(
          "^(?:Invalid parameters: )?([A-Za-z_][A-Za-z0-9_\\-]*(?:\\.[A-Za-z0-9_\\-]+|\\[\\d+\\])*)"
              + " (?:must|is|are|cannot|can|has|have|does|do|should|would|may|needs|was|exceeds|"
              + "contains|not|only)\\b");

  private Errors() {}

  /** The exception for an answer with this status, headers and body. */
  public static ApiException of(int status, String body, Duration retryAfter) {
    JsonNode json = Json.parseOrNull(body);
    String message = json == null ? null : Json.text(json, "message");
    String type = json == null || !json.path("error").isString() ? null : Json.text(json, "error");
    if (message == null && json == null && body != null && !body.isBlank()) {
      message = body.length() > 500 ? body.substring(0, 500) : body;
    }
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    String lowerType = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (status == 402
        || lower.startsWith("insufficient credits")
        || lowerType.equals("insufficient_balance")
        || lowerType.equals("insufficient balance")) {
      return new InsufficientCreditsException(status, message, type, body);
    }
    switch (status) {
      case 400:
      case 413:
      case 422:
        if (lower.startsWith("content violates") || lowerType.equals("content policy violation")) {
          return new ContentPolicyException(status, message, type, body);
        }
        return new BadRequestException(status, message, type, body, fieldOf(message));
      case 401:
      case 403:
        return new AuthenticationException(status, message, type, body);
      case 404:
        return new NotFoundException(status, message, type, body);
      case 409:
        return new ConflictException(status, message, type, body);
      case 429:
        return new RateLimitedException(status, message, type, body, retryAfter);
      default:
        if (status >= 500) {
          return new ServerException(status, message, type, body, retryAfter);
        }
        return new ApiException(status, message, type, body, retryAfter, false);
    }
  }

  /** The field a validation message names, or null. */
  public static String fieldOf(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = FIELD.matcher(message);
    return m.find() ? m.group(1) : null;
  }
}
