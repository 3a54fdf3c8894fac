package io.reelgate.server.api.apixo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The APIXO envelope {@code {"code", "message", "data"}}; the HTTP status equals {@code code}. */
final class ApixoEnvelopes {
  private ApixoEnvelopes() {}

  static ResponseEntity<Map<String, Object>> ok(Object data) {
    return envelope(200, "success", data);
  }

  static ResponseEntity<Map<String, Object>> error(int code, String message) {
    return envelope(code, message, null);
  }

  private static ResponseEntity<Map<String, Object>> envelope(
      int code, String message, Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    body.put("data", data);
    return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
