package io.reelgate.server.api.admin;

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
 * API does not exist: every admin path answers 404. A missing or wrong token is a 401.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AdminTokenFilter extends OncePerRequestFilter {
  private final byte[] tokenHash;
  private final ObjectMapper mapper;

  public AdminTokenFilter(ReelgateSettings settings, ObjectMapper mapper) {
    String token = settings.adminToken() == null ? "" : settings.adminToken().trim();
    this.tokenHash = token.isEmpty() ? null : sha256(token);
    this.mapper = mapper;
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
      reject(
          response,
          404,
          "not_found",
          "the admin API is disabled; set REELGATE_ADMIN_TOKEN to enable it");
      return;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    boolean valid =
        authorization != null
            && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            // why: comparing fixed-length hashes with MessageDigest.isEqual takes the same time
            // whatever the position of the first wrong character and the token's length
            && MessageDigest.isEqual(tokenHash, sha256(authorization.substring(7).trim()));
    if (!valid) {
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
