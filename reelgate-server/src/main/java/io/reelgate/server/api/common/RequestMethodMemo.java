package io.reelgate.server.api.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers a request's method for {@link ErrorAnswers}: the container's error page is reached by a
 * GET dispatch, whatever the method of the request that failed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestMethodMemo extends OncePerRequestFilter {
  static final String ATTRIBUTE = RequestMethodMemo.class.getName() + ".method";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    request.setAttribute(ATTRIBUTE, request.getMethod());
    chain.doFilter(request, response);
  }
}
