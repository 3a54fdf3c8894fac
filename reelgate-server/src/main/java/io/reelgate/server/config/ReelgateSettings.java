package io.reelgate.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the whole gateway ({@code reelgate.*}). Environment variables named in the README map
 * onto these through {@code application.yml}.
 *
 * @param dataDir where the embedded database and the result files live
 * @param publicBaseUrl base of every URL handed to clients; empty means {@code
 *     http://localhost:<port>}
 * @param adminToken bearer token of the admin API; empty disables it
 * @param allowPrivateNetworks let image URLs and callbacks point at loopback/private addresses
 * @param bootstrap the account that exists after start-up
 * @param storage result storage and signed URLs
 * @param local the built-in render channel
 * @param images limits of input-image fetching
 * @param webhooks delivery of task webhooks
 */
@ConfigurationProperties("reelgate")
public record ReelgateSettings(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("") String publicBaseUrl,
    @DefaultValue("") String adminToken,
    @DefaultValue("false") boolean allowPrivateNetworks,
    @DefaultValue Bootstrap bootstrap,
    @DefaultValue Storage storage,
    @DefaultValue Local local,
    @DefaultValue Images images,
    @DefaultValue Webhooks webhooks) {

  /**
   * The account present after start-up; an empty key means "generate one on first start".
   *
   * @param apiKey an API key that exists after start-up; empty: generated on first start, printed
   *     once and saved in the data directory
   * @param credits the credits the bootstrap account gets when it is created
   * @param webhookSecret the bootstrap account's webhook signing secret; empty: generated
   */
  public record Bootstrap(
      @DefaultValue("") String apiKey,
      @DefaultValue("100000") long credits,
      @DefaultValue("") String webhookSecret) {}

  /**
   * Result storage; an empty signing key means "generate one and keep it in the data dir".
   *
   * @param urlTtl how long a signed result URL stays valid
   * @param signingKey the key of result-URL signatures; empty: generated and kept in the data
   *     directory
   */
  public record Storage(
      @DefaultValue("15d") Duration urlTtl, @DefaultValue("") String signingKey) {}

  /**
   * The local render channel.
   *
   * @param maxConcurrentRenders local renders at once
   */
  public record Local(@DefaultValue("2") int maxConcurrentRenders) {}

  /**
   * Input-image limits.
   *
   * @param maxBytes the largest image file; a download is abandoned beyond it
   * @param maxPixels the largest width times height, read from the header
   * @param connectTimeout how long connecting to the image's host may take
   * @param readTimeout how long the whole download may take
   */
  public record Images(
      @DefaultValue("10485760") long maxBytes,
      @DefaultValue("40000000") long maxPixels,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("20s") Duration readTimeout) {}

  /**
   * Webhook delivery.
   *
   * @param retrySchedule the wait before each attempt: the first entry before the first attempt,
   *     the n-th after n-1 failed ones; when it runs out, the delivery gives up
   * @param timeout how long one attempt may take
   * @param maxConcurrentPerHost sends to one host at a time; more wait without holding a thread
   */
  public record Webhooks(
      @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h"})
          List<Duration> retrySchedule,
      @DefaultValue("30s") Duration timeout,
      @DefaultValue("4") int maxConcurrentPerHost) {}
}
