package io.reelgate.server.api.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a handler's {@link io.reelgate.server.access.Caller} parameter takes its API key from. A
 * {@code Caller} parameter without it reads {@code Authorization: Bearer <key>}. The key is checked
 * by {@link CallerArguments}, the one resolver of calling keys; a missing or unknown key is an
 * {@link UnauthenticatedException}, which each dialect answers in its own shape.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface CallingKey {
  From value() default From.BEARER;

  /** The header that carries the key. */
  enum From {
    /** {@code Authorization: Bearer <key>} (APIXO, OpenAI, event streams, webhook listings). */
    BEARER,
    /** {@code Ocp-Apim-Subscription-Key: <key>} (Pixazo). */
    SUBSCRIPTION_KEY
  }
}
