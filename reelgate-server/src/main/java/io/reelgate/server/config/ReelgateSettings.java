package io.reelgate.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
   * Result storage.
   *
   * @param urlTtl how long a result lives after its task finished: its URLs expire then, and the
   *     retention job deletes it
   * @param signingKey the key result URLs are signed with; empty means "one generated once and kept
   *     in the database", which every node sharing the database reads
   * @param retentionInterval how often the retention job looks for results past their lifetime
   * @param waitFor how long a task waits for an unavailable store before it fails
   * @param s3 the S3-compatible store; an empty bucket keeps results in the data directory
   */
  public record Storage(
      @DefaultValue("15d") Duration urlTtl,
      @DefaultValue("") String signingKey,
      @DefaultValue("1m") Duration retentionInterval,
      @DefaultValue("6h") Duration waitFor,
      @DefaultValue S3 s3) {

    /** Settings on the local disk with the default retention, for tests and tools. */
    public static Storage of(Duration urlTtl, String signingKey) {
      return new Storage(
          urlTtl,
          signingKey,
          Duration.ofMinutes(1),
          Duration.ofHours(6),
          new S3("", "", "us-east-1", "", "", false, DataSize.ofMegabytes(16), "stream"));
    }

    /** Whether results go to an S3-compatible store. */
    public boolean s3Selected() {
      return s3 != null && s3.bucket() != null && !s3.bucket().isBlank();
    }
  }

  /**
   * An S3-compatible object store.
   *
   * @param bucket the bucket; setting it selects the store
   * @param endpoint the store's address; empty means AWS S3 of the region
   * @param region the signing region
   * @param accessKey the access key; empty means the SDK's default credential chain
   * @param secretKey the secret key
   * @param pathStyle address the bucket in the path ({@code host/bucket/key}), as most
   *     S3-compatible servers want, instead of in the host name
   * @param partSize files larger than this are uploaded in parts of this size (at least 5 MiB)
   * @param downloads {@code stream}: a node reads the object and serves it; {@code redirect}: a
   *     node checks the signature and redirects to a presigned URL of the store
   */
  public record S3(
      @DefaultValue("") String bucket,
      @DefaultValue("") String endpoint,
      @DefaultValue("us-east-1") String region,
      @DefaultValue("") String accessKey,
      @DefaultValue("") String secretKey,
      @DefaultValue("false") boolean pathStyle,
      @DefaultValue("16MB") DataSize partSize,
      @DefaultValue("stream") String downloads) {

    /** Whether downloads are redirected to presigned URLs of the store. */
    public boolean redirects() {
      return "redirect".equalsIgnoreCase(downloads);
    }
  }

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
   * @param maxConcurrentPerHost sends to one endpoint (scheme, host and port) at a time, on each
   *     node; a first send that finds them all busy waits its turn on a virtual thread for up to 30
   *     s (less with a {@code timeout} over 25 s), then in its durable job
   */
  public record Webhooks(
      @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h"})
          List<Duration> retrySchedule,
      @DefaultValue("30s") Duration timeout,
      @DefaultValue("4") int maxConcurrentPerHost) {}
}
