package io.reelgate.server.console;

import io.reelgate.server.config.ReelgateSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers of every console file: a content security policy that lets the page load and
 * call nothing but Reelgate itself (scripts, styles and API calls from its own origin; videos and
 * posters also from the public base URL's origin when that is another one), no framing, no
 * referrer, no MIME sniffing. The console's files must therefore never use inline scripts or inline
 * style attributes.
 */
@Component
public class ConsoleHeaders extends OncePerRequestFilter {
  static final String PREFIX = "/console";

  private final String policy;

  public ConsoleHeaders(ReelgateSettings settings) {
    String media = "'self'" + originOf(settings.publicBaseUrl());
    this.policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self' data: blob:"
            + originOf(settings.publicBaseUrl())
            + "; media-src "
            + media
            + " blob:; manifest-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
  }

  /** The policy sent with every console file. */
  String policy() {
    return policy;
  }

  private static String originOf(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      return "";
    }
    try {
      URI uri = URI.create(baseUrl.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "";
      }
      return " "
          + uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path == null || !(path.equals(PREFIX) || path.startsWith(PREFIX + "/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", policy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-cache");
    chain.doFilter(request, response);
  }
}
