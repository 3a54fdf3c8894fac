package io.reelgate.server.bootstrap;

import io.reelgate.server.config.ReelgateSettings;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The base of every URL handed to clients: {@code REELGATE_PUBLIC_BASE_URL}, or {@code
 * http://localhost:<port>} once the server knows its port.
 */
@Component
public class PublicUrls {
  private final String configured;
  private volatile String fromPort = "http://localhost:8080";

  public PublicUrls(ReelgateSettings settings) {
    String base = settings.publicBaseUrl() == null ? "" : settings.publicBaseUrl().trim();
    this.configured = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  @EventListener
  void onWebServer(WebServerInitializedEvent event) {
    fromPort = "http://localhost:" + event.getWebServer().getPort();
  }

  public String base() {
    return configured.isEmpty() ? fromPort : configured;
  }
}
