package io.reelgate.server.api.common;

import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.AuthThrottle;
import io.reelgate.server.access.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Answers plain status reads — the calls clients make in loops — before Spring MVC, from the bytes
 * {@link StatusBodies} keeps per task version: the key checked as {@link CallerArguments} checks
 * it, one read of the version, and the kept bytes (or {@code 304}) written with the headers the
 * controller sends. Anything else — a missing, unknown or throttled key, an unknown model or task,
 * an error on the way — is passed on untouched to the controller, which answers it in its dialect's
 * shape as before (ADR 0016). It runs after the request-id, slow-client and metrics filters, so
 * those see every read.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class StatusReads extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(StatusReads.class);

  private final List<StatusRoute> routes;
  private final ApiKeys apiKeys;
  private final AuthThrottle throttle;
  private final StatusBodies bodies;
  private final LongAdder answered = new LongAdder();

  public StatusReads(
      List<StatusRoute> routes, ApiKeys apiKeys, AuthThrottle throttle, StatusBodies bodies) {
    this.routes = List.copyOf(routes);
    this.apiKeys = apiKeys;
    this.throttle = throttle;
    this.bodies = bodies;
  }

  /** Status reads answered here since the start (the rest went to the controllers). */
  public long answered() {
    return answered.sum();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!answer(request, response)) {
      chain.doFilter(request, response);
    }
  }

  private boolean answer(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    StatusRoute.Read read = null;
    for (StatusRoute route : routes) {
      read = route.match(request);
      if (read != null) {
        break;
      }
    }
    if (read == null || read.taskId() == null || read.taskId().isBlank()) {
      return false;
    }
    Optional<StatusBodies.Ready> ready;
    try {
      ready = lookup(read, request);
    } catch (RuntimeException e) {
      // why: the controller meets the same failure and answers it in its dialect's shape
      log.debug("status read passed on to the controller", e);
      return false;
    }
    if (ready.isEmpty()) {
      return false;
    }
    String pattern = read.pattern();
    ServerHttpObservationFilter.findObservationContext(request)
        .ifPresent(context -> context.setPathPattern(pattern));
    // why: before writing; a body written to its full length reaches the client at once
    answered.increment();
    write(ready.get(), response);
    return true;
  }

  private Optional<StatusBodies.Ready> lookup(StatusRoute.Read read, HttpServletRequest request) {
    String key = CallerArguments.keyOf(read.from(), request::getHeader);
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    String address = request.getRemoteAddr();
    if (!throttle.allows(address, AuthThrottle.Credential.API_KEY, key)) {
      return Optional.empty();
    }
    Optional<Caller> caller = apiKeys.authenticate(key.trim());
    if (caller.isEmpty()) {
      return Optional.empty();
    }
    return bodies.lookup(
        read.view(),
        caller.get().accountId(),
        read.taskId().trim(),
        request.getHeader(HttpHeaders.IF_NONE_MATCH),
        read.render());
  }

  /** The headers and body the controller's {@code ResponseEntity} would make. */
  private static void write(StatusBodies.Ready ready, HttpServletResponse response)
      throws IOException {
    response.setHeader(HttpHeaders.ETAG, ready.etag());
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    if (ready.notModified()) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setContentLength(ready.body().length);
    response.getOutputStream().write(ready.body());
  }
}
