package io.reelgate.server.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Overall deadlines of a request ({@code reelgate.http.*}). Tomcat's own timeouts only bound the
 * wait for each read, so a client sending a byte every few seconds would keep its connection for
 * ever; these bound the whole.
 *
 * @param headerDeadline from the first byte of a request to its last header; a connection still
 *     sending its headers after it is closed
 * @param bodyDeadline from the first byte of a request to the last byte of its body; a body read
 *     after it fails, the answer closes the connection, and a connection still sending the body
 *     then is closed
 */
@ConfigurationProperties("reelgate.http")
public record HttpLimits(
    @DefaultValue("20s") Duration headerDeadline, @DefaultValue("120s") Duration bodyDeadline) {
  public HttpLimits {
    if (headerDeadline.isNegative()
        || headerDeadline.isZero()
        || bodyDeadline.isNegative()
        || bodyDeadline.isZero()) {
      throw new IllegalArgumentException(
          "reelgate.http.header-deadline and body-deadline must be positive");
    }
  }
}
