package io.reelgate.server.api.upstream;

import io.reelgate.providers.WebhookRequest;
import io.reelgate.server.engine.UpstreamUpdates;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where upstreams push job updates: {@code POST /upstream/v1/webhooks/{channelId}}. The channel's
 * adapter verifies and reads the request; an update that says the job ended moves its task at once
 * (polling remains the fallback). Answers: 200 when the update was taken or says nothing to act on
 * (including jobs this gateway does not know, so the upstream stops retrying), 401 when
 * verification fails, 200 with the adapter's own body for a verification handshake (MiniMax's
 * challenge), 404 for an unknown channel or one whose protocol has no webhooks, 400 for an
 * unreadable body, 413 for a body over 1 MiB.
 */
@RestController
public class UpstreamWebhookController {
  private static final int MAX_BYTES = 1024 * 1024;

  private final UpstreamUpdates updates;

  public UpstreamWebhookController(UpstreamUpdates updates) {
    this.updates = updates;
  }

  @PostMapping("/upstream/v1/webhooks/{channelId}")
  public ResponseEntity<?> receive(@PathVariable String channelId, HttpServletRequest http) {
    byte[] body;
    try {
      body = read(http);
    } catch (IOException e) {
      return answer(400, "unreadable_body", "the body could not be read");
    }
    if (body == null) {
      return answer(413, "body_too_large", "the body must be at most 1 MiB");
    }
    UpstreamUpdates.Receipt receipt =
        updates.receive(channelId, new WebhookRequest(headers(http), body));
    return switch (receipt.outcome()) {
      case ACCEPTED -> answer(200, "accepted", receipt.message());
      case HANDSHAKE ->
          ResponseEntity.ok()
              .contentType(MediaType.parseMediaType(receipt.reply().contentType()))
              .body(receipt.reply().body());
      case IGNORED -> answer(200, "ignored", receipt.message());
      case UNKNOWN_CHANNEL, NO_WEBHOOKS -> answer(404, "unknown_channel", receipt.message());
      case INVALID_SIGNATURE -> answer(401, "invalid_signature", receipt.message());
      case UNREADABLE -> answer(400, "invalid_body", receipt.message());
      case UNAVAILABLE -> answer(503, "unavailable", receipt.message());
    };
  }

  private static byte[] read(HttpServletRequest http) throws IOException {
    if (http.getContentLengthLong() > MAX_BYTES) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = http.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        if (out.size() > MAX_BYTES) {
          return null;
        }
      }
    }
    return out.toByteArray();
  }

  private static Map<String, List<String>> headers(HttpServletRequest http) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : Collections.list(http.getHeaderNames())) {
      out.put(name, new ArrayList<>(Collections.list(http.getHeaders(name))));
    }
    return out;
  }

  private static ResponseEntity<Map<String, Object>> answer(
      int status, String result, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", result);
    body.put("message", message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
