package io.reelgate.providers.support;

import io.reelgate.core.FailureCode;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The failures the task-API adapters share, so that each protocol maps onto the same ones. */
public final class UpstreamErrors {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private UpstreamErrors() {}

  /** A body as JSON, or a missing node when it is not JSON. */
  public static JsonNode jsonOrMissing(byte[] body) {
    try {
      JsonNode node = body == null ? null : JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (JacksonException e) {
      return JSON.missingNode();
    }
  }

  /** The upstream's content filter stopped the job or request: final, not charged. */
  public static ProviderException contentRejected(String message) {
    return new ProviderException(
        FailureCategory.CONTENT_REJECTED,
        FailureCode.CONTENT_VIOLATION,
        false,
        null,
        message,
        null);
  }

  /**
   * The channel's credentials or its account (out of credit, suspended, model not enabled) were
   * refused: the channel's breaker counts it, the task may go to another channel.
   */
  public static ProviderException auth(String message) {
    return new ProviderException(FailureCategory.AUTH, null, false, null, message, null);
  }

  /** Too many requests; the wait hint if the upstream gave one. */
  public static ProviderException rateLimited(String message, Duration wait) {
    return new ProviderException(FailureCategory.RATE_LIMITED, null, true, wait, message, null);
  }

  /** The upstream is down or failed on its side; another try may work. */
  public static ProviderException unavailable(String message) {
    return new ProviderException(
        FailureCategory.UNAVAILABLE, FailureCode.UPSTREAM_ERROR, true, null, message, null);
  }

  /** The upstream refused the request's content or parameters. */
  public static ProviderException badInput(String message) {
    return new ProviderException(
        FailureCategory.BAD_INPUT, FailureCode.UPSTREAM_ERROR, false, null, message, null);
  }

  /** The upstream could not use an input image. */
  public static ProviderException badImage(String message) {
    return new ProviderException(
        FailureCategory.BAD_INPUT, FailureCode.INVALID_IMAGE_URL, false, null, message, null);
  }

  /** A job the upstream ended on its side (its own error, timeout, expiry): tried again. */
  public static ProviderException jobFailed(String message) {
    return unavailable(message);
  }

  /**
   * Whether an upstream's failure text is a content filter's: the words providers use for their
   * moderation and safety checks ({@code sensitive}, {@code content policy}, {@code moderation},
   * {@code safety}, {@code NSFW}, {@code inappropriate}, {@code risk}).
   */
  public static boolean mentionsContentFilter(String text) {
    if (text == null) {
      return false;
    }
    String t = text.toLowerCase(Locale.ROOT);
    return t.contains("sensitive")
        || t.contains("content policy")
        || t.contains("content_policy")
        || t.contains("content security")
        || t.contains("moderation")
        || t.contains("safety")
        || t.contains("nsfw")
        || t.contains("inappropriate")
        || t.contains("riskdetection")
        || t.contains("risk detection")
        || t.contains("datainspection")
        || t.contains("violat");
  }
}
