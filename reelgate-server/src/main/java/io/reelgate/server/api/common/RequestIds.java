package io.reelgate.server.api.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@value #HEADER} when it is sane (1–128 letters, digits
 * and {@code . _ : -}), a new {@code req_…} otherwise. The id is on the response's {@value #HEADER}
 * header, before anything else is written, and in the log context ({@value #MDC_KEY}) of every line
 * logged while the request is handled. At DEBUG, logger {@code io.reelgate.server.requests} writes
 * one line per request with method, path (never the query, which may hold a URL signature), status
 * and time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "request_id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final char[] ALPHABET =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
  private static final Logger access = LoggerFactory.getLogger("io.reelgate.server.requests");

  /** The caller's id when sane, else a new one. */
  static String idFor(String given) {
    if (given != null && SANE.matcher(given).matches()) {
      return given;
    }
    char[] id = new char[20];
    for (int i = 0; i < id.length; i++) {
      // why: a request id is a label, not a secret; SecureRandom cost 3% of a status read
      id[i] = ALPHABET[ThreadLocalRandom.current().nextInt(ALPHABET.length)];
    }
    return "req_" + new String(id);
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object kept = request.getAttribute(MDC_KEY);
    String id = kept instanceof String s ? s : idFor(request.getHeader(HEADER));
    request.setAttribute(MDC_KEY, id);
    if (!response.containsHeader(HEADER)) {
      response.setHeader(HEADER, id);
    }
    String outer = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, id);
    long started = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      if (access.isDebugEnabled() && !request.isAsyncStarted()) {
        access.debug(
            "{} {} -> {} in {} ms",
            request.getMethod(),
            request.getRequestURI(),
            response.getStatus(),
            (System.nanoTime() - started) / 1_000_000);
      }
      if (outer == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, outer);
      }
    }
  }
}
