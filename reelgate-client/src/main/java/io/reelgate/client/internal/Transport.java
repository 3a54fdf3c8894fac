package io.reelgate.client.internal;

import io.reelgate.client.ApiException;
import io.reelgate.client.ConnectionException;
import io.reelgate.client.MissingCredentialException;
import io.reelgate.client.ReelgateException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * Sends one API call: adds credentials, retries what is safe to retry (connection failures before
 * sending, 429 and 503 with their {@code Retry-After}, and for idempotent calls also 502/504 and
 * broken connections), and turns error answers into exceptions through {@link Errors}.
 */
public final class Transport {
  /** Which credential a call carries. */
  public enum Auth {
    /** {@code Authorization: Bearer <api key>} (APIXO, event streams, webhooks). */
    BEARER_KEY,
    /** {@code Ocp-Apim-Subscription-Key: <api key>} (Pixazo). */
    PIXAZO_KEY,
    /** {@code Authorization: Bearer <admin token>}. */
    ADMIN,
    /** No credential (signed result URLs). */
    NONE
  }

  /** Sleeps between attempts; tests may replace it. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The settings a transport is built from. */
  public record Settings(
      URI baseUrl,
      String apiKey,
      String adminToken,
      HttpClient http,
      Duration timeout,
      int maxRetries,
      Duration initialRetryDelay,
      Duration maxRetryDelay,
      Clock clock,
      Sleeper sleeper,
      String userAgent) {}

  /** An answer with a success status. */
  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    /** The body as JSON (an empty body is an empty object). */
    public JsonNode json() {
      JsonNode node = Json.parseOrNull(body);
      if (node == null) {
        if (body == null || body.isBlank()) {
          return Json.MAPPER.createObjectNode();
        }
        throw new ReelgateException(
            "the server answered " + status + " with a body that is not JSON");
      }
      return node;
    }
  }

  private final Settings settings;

  public Transport(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return settings.clock();
  }

  /** A new call to a path under the base URL. */
  public Call call(String method, String path, Auth auth) {
    return new Call(method, path, auth);
  }

  /** Percent-encodes one path segment or query value. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A request builder for a path, with the credential of {@code auth} and the user agent. */
  public HttpRequest.Builder request(URI uri, Auth auth) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("User-Agent", settings.userAgent());
    switch (auth) {
      case BEARER_KEY:
        b.header("Authorization", "Bearer " + required(settings.apiKey(), "an API key"));
        break;
      case PIXAZO_KEY:
        b.header("Ocp-Apim-Subscription-Key", required(settings.apiKey(), "an API key"));
        break;
      case ADMIN:
        b.header("Authorization", "Bearer " + required(settings.adminToken(), "an admin token"));
        break;
      default:
        break;
    }
    return b;
  }

  /** The absolute URI of a path (with its query) under the base URL. */
  public URI resolve(String pathAndQuery) {
    String base = settings.baseUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + pathAndQuery);
  }

  private static String required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new MissingCredentialException(
          "this call needs " + what + "; set it on ReelgateClient.builder()");
    }
    return value;
  }

  /** Sleeps, turning an interrupt into an exception (and keeping the interrupt flag). */
  public void sleep(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      settings.sleeper().sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReelgateException("interrupted while waiting", e, true);
    }
  }

  /** The wait before retry number {@code attempt} (0-based) when the server named none. */
  public Duration backoff(int attempt) {
    long initial = settings.initialRetryDelay().toMillis();
    long capped = Math.min(initial << Math.min(attempt, 16), 8_000L);
    double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.25;
    return Duration.ofMillis((long) (capped * jitter));
  }

  /** Downloads a URL (absolute, or a path under the base URL) into a file, replacing it. */
  public long download(String url, Path target) {
    URI uri = url.startsWith("/") ? resolve(url) : URI.create(url);
    // why: result URLs are signed; the API key is not sent to whatever host serves them
    Auth auth =
        uri.getHost() != null && uri.getHost().equals(settings.baseUrl().getHost())
            ? Auth.BEARER_KEY
            : Auth.NONE;
    if (settings.apiKey() == null) {
      auth = Auth.NONE;
    }
    Path parent = target.toAbsolutePath().getParent();
    for (int attempt = 0; ; attempt++) {
      try {
        // why: not createTempFile, whose owner-only permissions would stay on the video
        Path partial = parent.resolve(".reelgate-" + UUID.randomUUID() + ".part");
        Files.createFile(partial);
        try {
          HttpResponse<Path> answer =
              settings
                  .http()
                  .send(
                      request(uri, auth).GET().build(),
                      HttpResponse.BodyHandlers.ofFile(
                          partial,
                          java.nio.file.StandardOpenOption.WRITE,
                          java.nio.file.StandardOpenOption.TRUNCATE_EXISTING));
          if (answer.statusCode() >= 400) {
            String body = Files.readString(partial, StandardCharsets.UTF_8);
            ApiException error =
                Errors.of(answer.statusCode(), body, retryAfter(answer.headers()).orElse(null));
            if (error.isRetryable() && attempt < settings.maxRetries()) {
              sleep(retryAfter(answer.headers()).orElse(backoff(attempt)));
              continue;
            }
            throw error;
          }
          Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
          return Files.size(target);
        } finally {
          Files.deleteIfExists(partial);
        }
      } catch (IOException e) {
        if (attempt < settings.maxRetries()) {
          sleep(backoff(attempt));
          continue;
        }
        throw new ConnectionException("downloading " + uri + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReelgateException("interrupted while downloading " + uri, e, true);
      }
    }
  }

  /** The {@code Retry-After} of an answer: delay-seconds or an HTTP date. */
  public Optional<Duration> retryAfter(java.net.http.HttpHeaders headers) {
    Optional<String> value = headers.firstValue("Retry-After");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String v = value.get().trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(settings.clock().instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException notDate) {
        return Optional.empty();
      }
    }
  }

  /** One call; build it, then {@link #send()} it. */
  public final class Call {
    private final String method;
    private final String path;
    private final Auth auth;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private boolean idempotent;
    private Integer maxRetries;
    private Duration timeout;

    private Call(String method, String path, Auth auth) {
      this.method = method;
      this.path = path;
      this.auth = auth;
      this.idempotent = !method.equals("POST");
    }

    /** Adds a query parameter unless the value is null. */
    public Call query(String name, Object value) {
      if (value != null) {
        query.put(name, value.toString());
      }
      return this;
    }

    /** A JSON body. */
    public Call json(Object body) {
      this.body = Json.MAPPER.writeValueAsString(body);
      return this;
    }

    /** A header. */
    public Call header(String name, String value) {
      if (value != null) {
        headers.put(name, value);
      }
      return this;
    }

    /**
     * Makes a submission safe to retry: the same {@code Idempotency-Key} goes with every attempt,
     * so the server creates at most one task. A null key gets a random one.
     */
    public Call idempotencyKey(String key) {
      headers.put("Idempotency-Key", key == null ? UUID.randomUUID().toString() : key);
      this.idempotent = true;
      return this;
    }

    /** Overrides the client's retry count for this call. */
    public Call maxRetries(Integer maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** Overrides the client's timeout for this call. */
    public Call timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Sends the call, retrying as allowed; an error answer becomes an {@link ApiException}. */
    public Response send() {
      StringBuilder target = new StringBuilder(path);
      char sep = path.contains("?") ? '&' : '?';
      for (Map.Entry<String, String> q : query.entrySet()) {
        target.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
        sep = '&';
      }
      HttpRequest.Builder b =
          request(resolve(target.toString()), auth)
              .timeout(timeout == null ? settings.timeout() : timeout)
              .header("Accept", "application/json");
      headers.forEach(b::header);
      if (body != null) {
        b.header("Content-Type", "application/json");
        b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      } else if (method.equals("POST") || method.equals("PUT")) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpRequest request = b.build();
      int retries = maxRetries == null ? settings.maxRetries() : maxRetries;
      for (int attempt = 0; ; attempt++) {
        HttpResponse<String> answer;
        try {
          answer =
              settings
                  .http()
                  .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // why: a request that never reached the server may always be repeated; one that may
          // have been processed only when repeating it cannot create a second effect
          boolean notSent =
              e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
          if (attempt < retries && (notSent || idempotent)) {
            sleep(backoff(attempt));
            continue;
          }
          throw new ConnectionException(
              method + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ReelgateException("interrupted during " + method + " " + path, e, true);
        }
        int status = answer.statusCode();
        if (status < 400) {
          return new Response(status, answer.body(), answer.headers());
        }
        Optional<Duration> after = retryAfter(answer.headers());
        boolean retryable =
            status == 429 || status == 503 || (idempotent && (status == 502 || status == 504));
        if (retryable && attempt < retries) {
          Duration wait = after.orElse(backoff(attempt));
          if (wait.compareTo(settings.maxRetryDelay()) <= 0) {
            sleep(wait);
            continue;
          }
        }
        throw Errors.of(status, answer.body(), after.orElse(null));
      }
    }
  }

  /** Opens a streaming GET; the caller reads and closes the body. */
  public HttpResponse<InputStream> openStream(HttpRequest request)
      throws IOException, InterruptedException {
    return settings.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
  }
}
