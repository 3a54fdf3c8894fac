package io.reelgate.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP request as captured on the wire (e.g. by {@code nc -l}): request line, headers, a
 * blank line, the body. The body is kept byte for byte, because the signature covers it exactly.
 */
final class CapturedRequest {
  final Map<String, String> headers;
  final byte[] body;

  private CapturedRequest(Map<String, String> headers, byte[] body) {
    this.headers = headers;
    this.body = body;
  }

  static CapturedRequest parse(byte[] raw) {
    int end = -1;
    int bodyStart = -1;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\n') {
        if (i + 1 < raw.length && raw[i + 1] == '\n') {
          end = i;
          bodyStart = i + 2;
          break;
        }
        if (i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n') {
          end = i;
          bodyStart = i + 3;
          break;
        }
      }
    }
    if (end < 0) {
      throw new CliException(
          ExitCodes.USAGE, "--request: no blank line between the headers and the body");
    }
    String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
    Map<String, String> headers = new LinkedHashMap<>();
    String[] lines = head.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (i == 0 && (colon < 0 || line.matches("^[A-Z]+ \\S+ HTTP/.*"))) {
        continue; // the request line
      }
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    byte[] body = Arrays.copyOfRange(raw, bodyStart, raw.length);
    String length = headers.get("content-length");
    if (length != null) {
      try {
        int n = Integer.parseInt(length.trim());
        if (n <= body.length) {
          body = Arrays.copyOf(body, n);
        }
      } catch (NumberFormatException ignored) {
        // keep the whole rest
      }
    }
    return new CapturedRequest(headers, body);
  }
}
