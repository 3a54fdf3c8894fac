package io.reelgate.providers;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The body the gateway answers an upstream's webhook handshake with (HTTP 200). */
public record WebhookReply(String contentType, byte[] body) {
  public WebhookReply {
    Objects.requireNonNull(contentType, "contentType");
    body = body == null ? new byte[0] : body.clone();
  }

  /** A JSON answer. */
  public static WebhookReply json(String json) {
    return new WebhookReply("application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
