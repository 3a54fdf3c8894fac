package io.reelgate.server.api.common;

import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.AuthThrottle;
import io.reelgate.server.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The one resolver of the calling key: a handler parameter of type {@link Caller} is the account
 * and key of the request's API key, read from the header its {@link CallingKey} names. A missing or
 * unknown key throws {@link UnauthenticatedException} before the handler runs, and counts against
 * the {@link AuthThrottle} of its address and prefix (which, once used up, throws {@link
 * io.reelgate.server.access.AuthThrottledException} before the key is looked up); the handler's
 * dialect answers both.
 */
@Configuration(proxyBeanMethods = false)
public class CallerArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {
  /** Pixazo's key header. */
  public static final String SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key";

  private final ApiKeys apiKeys;
  private final AuthThrottle throttle;

  public CallerArguments(ApiKeys apiKeys, AuthThrottle throttle) {
    this.apiKeys = apiKeys;
    this.throttle = throttle;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer container,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    CallingKey annotation = parameter.getParameterAnnotation(CallingKey.class);
    CallingKey.From from = annotation == null ? CallingKey.From.BEARER : annotation.value();
    String key = keyOf(from, request);
    if (key == null || key.isBlank()) {
      throw new UnauthenticatedException(from);
    }
    HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
    String address = http == null ? null : http.getRemoteAddr();
    // why: before the key is looked up, so that a throttled guesser learns nothing
    throttle.check(address, AuthThrottle.Credential.API_KEY, key);
    return apiKeys
        .authenticate(key.trim())
        .orElseThrow(
            () -> {
              throttle.failed(address, AuthThrottle.Credential.API_KEY, key);
              return new UnauthenticatedException(from);
            });
  }

  private static String keyOf(CallingKey.From from, NativeWebRequest request) {
    return keyOf(from, request::getHeader);
  }

  /** The raw key in the header {@code from} names, or null when it is not there. */
  static String keyOf(CallingKey.From from, Function<String, String> header) {
    return switch (from) {
      case SUBSCRIPTION_KEY -> header.apply(SUBSCRIPTION_KEY_HEADER);
      case BEARER -> {
        String authorization = header.apply(HttpHeaders.AUTHORIZATION);
        yield authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7)
            : null;
      }
    };
  }
}
