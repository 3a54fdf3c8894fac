package io.reelgate.server.api.admin;

import io.reelgate.server.access.AuthThrottle;
import io.reelgate.server.access.AuthThrottledException;
import io.reelgate.server.config.ReelgateSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Guards every path under {@code /admin} (whatever controller serves it) with {@code Authorization:
 * Bearer <REELGATE_ADMIN_TOKEN>}, compared in constant time. Without a configured token the admin
 * API does not exist: every admin path answers the same 404 as any unknown path. A missing or wrong
 * token is a 401 and counts against the {@link AuthThrottle}; once its address (or the token's
 * first characters) used up the allowance, the answer is 429 with {@code Retry-After}. A token
 * shorter than {@value #MIN_TOKEN_LENGTH} characters stops the start.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AdminTokenFilter extends OncePerRequestFilter {
  /** The shortest admin token accepted at start-up. */
  public static final int MIN_TOKEN_LENGTH = 32;

  private final byte[] tokenHash;
  private final ObjectMapper mapper;
  private final AuthThrottle throttle;

  public AdminTokenFilter(ReelgateSettings settings, ObjectMapper mapper, AuthThrottle throttle) {
    String token = settings.adminToken() == null ? "" : settings.adminToken().trim();
    checkStrength(token);
    this.tokenHash = token.isEmpty() ? null : sha256(token);
    this.mapper = mapper;
    this.throttle = throttle;
  }

  /**
   * Refuses to start with an admin token that could be guessed: shorter than {@value
   * #MIN_TOKEN_LENGTH} characters, or made of fewer than 8 different characters.
   */
  static void checkStrength(String token) {
    if (token.isEmpty()) {
      return;
    }
    if (token.length() < MIN_TOKEN_LENGTH || token.chars().distinct().count() < 8) {
      throw new IllegalStateException(
          "REELGATE_ADMIN_TOKEN (reelgate.admin-token) is too weak: it has "
              + token.length()
              + " characters, and an admin token needs at least "
              + MIN_TOKEN_LENGTH
              + " with at least 8 different ones. Generate one with: openssl rand -hex 32"
              + " (or leave it empty to switch the admin API off)");
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isAdminPath(request.getRequestURI()) && !isAdminPath(pathOf(request));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (tokenHash == null) {
      // why: answered by the error page like any unknown path, so that a scan cannot tell the
      // admin API is there (ADR 0003)
      response.sendError(404);
      return;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    String presented =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim()
            : null;
    if (presented != null && !presented.isEmpty()) {
      try {
        throttle.check(request.getRemoteAddr(), AuthThrottle.Credential.ADMIN_TOKEN, presented);
      } catch (AuthThrottledException e) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        reject(response, 429, "too_many_requests", e.getMessage());
        return;
      }
    }
    boolean valid =
        authorization != null
            && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            // why: comparing fixed-length hashes with MessageDigest.isEqual takes the same time
            // whatever the position of the first wrong character and the token's length
            && MessageDigest.isEqual(tokenHash, sha256(authorization.substring(7).trim()));
    if (!valid) {
      if (presented != null && !presented.isEmpty()) {
        throttle.failed(request.getRemoteAddr(), AuthThrottle.Credential.ADMIN_TOKEN, presented);
      }
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      reject(
          response,
          401,
          "unauthorized",
          "send the admin token as Authorization: Bearer <REELGATE_ADMIN_TOKEN>");
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean isAdminPath(String path) {
    if (path == null) {
      return false;
    }
    String p = path.replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
    return p.equals("/admin") || p.startsWith("/admin/") || p.startsWith("/admin;");
  }

  private static String pathOf(HttpServletRequest request) {
    String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
    String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
    return servletPath + pathInfo;
  }

  private void reject(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getOutputStream()
        .write(mapper.writeValueAsBytes(Map.of("error", error, "message", message)));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
