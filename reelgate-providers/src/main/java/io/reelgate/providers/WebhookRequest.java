package io.reelgate.providers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An HTTP request an upstream sent to the gateway's webhook endpoint, exactly as received. */
public record WebhookRequest(Map<String, List<String>> headers, byte[] body) {
  public WebhookRequest {
    TreeMap<String, List<String>> lower = new TreeMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    }
    headers = java.util.Collections.unmodifiableMap(lower);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a header, whatever its case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
