package io.reelgate.providers.http;

import io.reelgate.core.FailureCode;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP plumbing every HTTP adapter shares: one call with the channel's time limit, the usual
 * mapping of upstream status codes onto failure categories, wait hints, JSON bodies and downloads.
 * It only uses the client and clock of the {@link ProviderRuntime}.
 */
public final class UpstreamHttp {
  /** Redirects a result download may take. */
  public static final int MAX_DOWNLOAD_REDIRECTS = 5;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_ERROR_TEXT = 300;

  private final ProviderRuntime runtime;
  private final ChannelSettings settings;

  public UpstreamHttp(ProviderRuntime runtime, ChannelSettings settings) {
    this.runtime = runtime;
    this.settings = settings;
  }

  public ChannelSettings settings() {
    return settings;
  }

  public ProviderRuntime runtime() {
    return runtime;
  }

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A URI under the channel's base URL ({@code path} starts with '/'). */
  public URI resolve(String path) {
    String base = settings.requiredBaseUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + path);
  }

  /** A request builder for {@code uri} with the channel's time limit. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
  }

  /** A POST of a JSON body. */
  public HttpRequest.Builder postJson(URI uri, JsonNode body) {
    return request(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
  }

  /**
   * Sends a request and returns the answer whatever its status.
   *
   * @param submit true when the request asks the upstream to create a job: a failure after the
   *     request left then means the job may exist
   * @throws ProviderException (UNAVAILABLE, retryable) when no answer came
   */
  public HttpResponse<byte[]> send(HttpRequest request, boolean submit) {
    try {
      return runtime.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unavailable("could not connect to " + settings.id() + ": " + describe(e), false, e);
    } catch (IOException e) {
      throw unavailable("no answer from " + settings.id() + ": " + describe(e), submit, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while calling " + settings.id(), submit, e);
    }
  }

  /**
   * The usual reading of an error status: 400/404/409/422 bad input, 401/403 auth, 429 rate limited
   * with the upstream's wait hint, 408 and 5xx unavailable. Adapters look at the body first for
   * things only they can read (content filters).
   */
  public ProviderException errorOf(HttpResponse<byte[]> response, String what) {
    int status = response.statusCode();
    String message = what + " answered HTTP " + status + errorText(response);
    Duration wait = retryAfter(response).orElse(null);
    if (status == 429) {
      return new ProviderException(
          FailureCategory.RATE_LIMITED, null, true, wait, false, message, null);
    }
    if (status == 401 || status == 403) {
      return new ProviderException(FailureCategory.AUTH, null, false, null, false, message, null);
    }
    if (status == 408 || status >= 500) {
      return new ProviderException(
          FailureCategory.UNAVAILABLE, null, true, wait, false, message, null);
    }
    return new ProviderException(
        FailureCategory.BAD_INPUT, FailureCode.UPSTREAM_ERROR, false, null, false, message, null);
  }

  /** A body that could not be read as the protocol says it should look. */
  public ProviderException malformed(String what, boolean jobMayExist, Throwable cause) {
    return new ProviderException(
        FailureCategory.UNAVAILABLE,
        FailureCode.UPSTREAM_ERROR,
        true,
        null,
        jobMayExist,
        what + " from " + settings.id() + " could not be read",
        cause);
  }

  /**
   * The body as JSON.
   *
   * @throws ProviderException (malformed) when it is not JSON
   */
  public JsonNode json(HttpResponse<byte[]> response, String what, boolean jobMayExist) {
    try {
      JsonNode node = JSON.readTree(response.body());
      if (node == null || node.isMissingNode()) {
        throw malformed(what, jobMayExist, null);
      }
      return node;
    } catch (JacksonException e) {
      throw malformed(what, jobMayExist, e);
    }
  }

  /** A wait hint from {@code Retry-After} (seconds or an HTTP date), if the answer has one. */
  public Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter);
  }

  Optional<Duration> parseRetryAfter(String value) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(runtime.clock().instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * Downloads {@code uri} into {@code target}, following at most {@link #MAX_DOWNLOAD_REDIRECTS}
   * redirects. {@code authorize} adds credentials; it is applied only while the request stays on
   * the first URL's host, so credentials never travel to a storage host the upstream redirects to.
   */
  public void download(URI uri, Path target, UnaryOperator<HttpRequest.Builder> authorize) {
    URI current = uri;
    String firstHost = uri.getHost();
    for (int hop = 0; hop <= MAX_DOWNLOAD_REDIRECTS; hop++) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(current).timeout(Duration.ofMinutes(10)).GET();
      if (firstHost != null && firstHost.equalsIgnoreCase(current.getHost())) {
        builder = authorize.apply(builder);
      }
      HttpResponse<Object> response;
      try {
        Files.createDirectories(target.toAbsolutePath().getParent());
        // why: a 200's body goes straight from the client's buffers into the file; reading it
        // through an InputStream cost a demand signal and a selector wake-up per chunk
        response = runtime.http().send(builder.build(), info -> bodyOf(info, target));
      } catch (IOException e) {
        throw unavailable("result download from " + settings.id() + " failed", false, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unavailable("interrupted while downloading from " + settings.id(), false, e);
      }
      int status = response.statusCode();
      if (status == 200) {
        return;
      }
      try (InputStream body = (InputStream) response.body()) {
        if (status >= 300 && status < 400) {
          Optional<String> location = response.headers().firstValue("Location");
          if (location.isEmpty()) {
            throw unavailable("result download redirect without Location", false, null);
          }
          current = current.resolve(location.get());
          continue;
        }
        byte[] text = body.readNBytes(MAX_ERROR_TEXT);
        throw errorOf(new BytesResponse(response, text), "result download");
      } catch (IOException e) {
        throw unavailable("result download from " + settings.id() + " failed", false, e);
      }
    }
    throw unavailable("result download took more than 5 redirects", false, null);
  }

  /** The body of a download answer: the file for a 200, a stream to read otherwise. */
  private static HttpResponse.BodySubscriber<Object> bodyOf(
      HttpResponse.ResponseInfo info, Path target) {
    if (info.statusCode() == 200) {
      return HttpResponse.BodySubscribers.mapping(
          HttpResponse.BodySubscribers.ofFile(
              target,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING),
          file -> file);
    }
    return HttpResponse.BodySubscribers.mapping(
        HttpResponse.BodySubscribers.ofInputStream(), stream -> stream);
  }

  private ProviderException unavailable(String message, boolean jobMayExist, Throwable cause) {
    return new ProviderException(
        FailureCategory.UNAVAILABLE,
        FailureCode.UPSTREAM_ERROR,
        true,
        null,
        jobMayExist,
        message,
        cause);
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String errorText(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    if (body == null || body.length == 0) {
      return "";
    }
    String text =
        new String(body, 0, Math.min(body.length, MAX_ERROR_TEXT), StandardCharsets.UTF_8);
    return ": " + text.replaceAll("\\s+", " ").trim();
  }
}
