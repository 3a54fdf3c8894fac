package io.reelgate.client;

import io.reelgate.client.admin.AdminService;
import io.reelgate.client.apixo.ApixoService;
import io.reelgate.client.internal.Transport;
import io.reelgate.client.pixazo.PixazoService;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The entry point of the client: one per gateway and set of credentials, thread-safe, meant to be
 * shared.
 *
 * <pre>{@code
 * ReelgateClient client = ReelgateClient.builder()
 *     .baseUrl("http://localhost:8080")
 *     .apiKey(System.getenv("REELGATE_API_KEY"))
 *     .build();
 * TaskRef task = client.apixo().generate("sora-2",
 *     GenerateParams.builder().mode("text-to-video").prompt("a red kite over dunes").duration(4).build());
 * TaskStatus done = client.apixo().waitFor(task);
 * client.download(done.resultUrl(), Path.of("kite.mp4"));
 * }</pre>
 *
 * <p>Calls that fail with a broken connection, 429 or 503 are retried (twice by default), waiting
 * as long as {@code Retry-After} asks or with a growing jittered backoff. Submissions carry an
 * {@code Idempotency-Key}, the same on every retry, so a retried submission never creates a second
 * task. Errors are {@link ReelgateException}s, see {@link ApiException} for the table of statuses.
 */
public final class ReelgateClient {
  /** The version of this client, sent in {@code User-Agent}. */
  public static final String VERSION = "0.1.0";

  private final Transport transport;
  private final ApixoService apixo;
  private final PixazoService pixazo;
  private final AdminService admin;

  private ReelgateClient(Transport transport) {
    this.transport = transport;
    this.apixo = new ApixoService(transport);
    this.pixazo = new PixazoService(transport);
    this.admin = new AdminService(transport);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from the environment: {@code REELGATE_URL} (default {@code
   * http://localhost:8080}), {@code REELGATE_API_KEY} and {@code REELGATE_ADMIN_TOKEN}.
   */
  public static ReelgateClient fromEnv() {
    String url = System.getenv("REELGATE_URL");
    return builder()
        .baseUrl(url == null || url.isBlank() ? "http://localhost:8080" : url)
        .apiKey(System.getenv("REELGATE_API_KEY"))
        .adminToken(System.getenv("REELGATE_ADMIN_TOKEN"))
        .build();
  }

  /** The APIXO task API. */
  public ApixoService apixo() {
    return apixo;
  }

  /** The Pixazo Sora-video API. */
  public PixazoService pixazo() {
    return pixazo;
  }

  /** The operator's API (needs the admin token). */
  public AdminService admin() {
    return admin;
  }

  /** The gateway's base URL. */
  public URI baseUrl() {
    return transport.settings().baseUrl();
  }

  /**
   * Downloads a result (a signed URL from a status) into a file, replacing it only once the whole
   * video has arrived. The API key is sent only when the URL is on the gateway's own host.
   *
   * @return the number of bytes written
   */
  public long download(String url, Path target) {
    return transport.download(Objects.requireNonNull(url, "url"), target);
  }

  /** Builds a {@link ReelgateClient}. */
  public static final class Builder {
    private URI baseUrl = URI.create("http://localhost:8080");
    private String apiKey;
    private String adminToken;
    private HttpClient http;
    private Duration timeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int maxRetries = 2;
    private Duration initialRetryDelay = Duration.ofMillis(500);
    private Duration maxRetryDelay = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private Transport.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private String userAgent = "reelgate-java/" + VERSION;

    private Builder() {}

    /** The gateway, e.g. {@code http://localhost:8080} (default). */
    public Builder baseUrl(String baseUrl) {
      return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl").trim()));
    }

    /** The gateway. */
    public Builder baseUrl(URI baseUrl) {
      String scheme = baseUrl.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL: " + baseUrl);
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /** The API key for the APIXO and Pixazo calls. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
      return this;
    }

    /** The admin token for {@link #admin()} calls. */
    public Builder adminToken(String adminToken) {
      this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.trim();
      return this;
    }

    /** Your own JDK HTTP client (default: HTTP/1.1, the connect timeout, no redirects). */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** Time limit of one attempt until the answer's headers arrive; default 60 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Time limit to connect (for the default HTTP client); default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** Retries after the first attempt (0 for none); default 2. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be 0 or more");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** The first backoff when the server names no wait; it doubles up to 8 s. Default 0.5 s. */
    public Builder initialRetryDelay(Duration initialRetryDelay) {
      this.initialRetryDelay = Objects.requireNonNull(initialRetryDelay, "initialRetryDelay");
      return this;
    }

    /**
     * The longest {@code Retry-After} the client waits for; a longer one is thrown at once as
     * {@link RateLimitedException} (or {@link ServerException}). Default 60 s.
     */
    public Builder maxRetryDelay(Duration maxRetryDelay) {
      this.maxRetryDelay = Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
      return this;
    }

    /** The clock for {@code Retry-After} dates; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The {@code User-Agent} header. */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /** The client. */
    public ReelgateClient build() {
      HttpClient client =
          http != null
              ? http
              : HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(connectTimeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
      return new ReelgateClient(
          new Transport(
              new Transport.Settings(
                  baseUrl,
                  apiKey,
                  adminToken,
                  client,
                  timeout,
                  maxRetries,
                  initialRetryDelay,
                  maxRetryDelay,
                  clock,
                  sleeper,
                  userAgent)));
    }
  }
}
