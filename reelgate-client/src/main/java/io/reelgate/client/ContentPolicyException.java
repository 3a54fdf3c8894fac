package io.reelgate.client;

/** The prompt was refused by the gateway's content moderation (HTTP 400); nothing was charged. */
public class ContentPolicyException extends BadRequestException {
  /**
   * @param statusCode the HTTP status
   * @param errorMessage the server's message
   * @param errorType the dialect's error type, or null
   * @param body the raw body
   */
  public ContentPolicyException(
      int statusCode, String errorMessage, String errorType, String body) {
    super(statusCode, errorMessage, errorType, body, "prompt");
  }
}
