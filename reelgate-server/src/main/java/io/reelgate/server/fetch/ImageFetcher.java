package io.reelgate.server.fetch;

import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.image.ImageProbe;
import io.reelgate.providers.InputImage;
import io.reelgate.server.config.ReelgateSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Fetches input images: http(s) URLs through the {@link UrlGuard} (every redirect hop is checked
 * again, at most three), or {@code data:} URIs. The body is read up to the size limit and abandoned
 * beyond it; the type comes from the magic bytes, the dimensions from the header.
 */
@Component
public class ImageFetcher {
  private static final int MAX_REDIRECTS = 3;

  private final UrlGuard guard;
  private final HttpClient http;
  private final long maxBytes;
  private final Duration readTimeout;

  public ImageFetcher(UrlGuard guard, ReelgateSettings settings) {
    this.guard = guard;
    this.maxBytes = settings.images().maxBytes();
    this.readTimeout = settings.images().readTimeout();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.images().connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * @throws ImageFetchException with a message that says why the image cannot be used
   */
  public InputImage fetch(String url) {
    byte[] bytes = url.regionMatches(true, 0, "data:", 0, 5) ? decodeDataUri(url) : download(url);
    Optional<ImageInfo> info = ImageProbe.probe(bytes);
    if (info.isEmpty()) {
      throw new ImageFetchException(
          ImageProbe.format(bytes).isPresent()
              ? "the image header is damaged"
              : "not an image in a supported format (JPG, PNG or WebP)",
          false);
    }
    return new InputImage(bytes, info.get());
  }

  private byte[] decodeDataUri(String uri) {
    int comma = uri.indexOf(',');
    if (comma < 0) {
      throw new ImageFetchException("the data URI has no data", false);
    }
    String header = uri.substring(5, comma).toLowerCase(Locale.ROOT);
    if (!header.endsWith(";base64")) {
      throw new ImageFetchException("the data URI must be base64-encoded", false);
    }
    if ((long) (uri.length() - comma - 1) * 3 / 4 > maxBytes) {
      throw new ImageFetchException("the image is larger than " + maxBytes + " bytes", false);
    }
    try {
      return Base64.getMimeDecoder().decode(uri.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      throw new ImageFetchException("the data URI is not valid base64", false);
    }
  }

  private byte[] download(String url) {
    URI current;
    try {
      current = guard.checkForm(url);
    } catch (ForbiddenAddressException e) {
      throw new ImageFetchException("the image URL " + e.getMessage(), false);
    }
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      try {
        guard.check(current);
      } catch (ForbiddenAddressException e) {
        throw new ImageFetchException("the image URL " + e.getMessage(), false);
      }
      HttpRequest request =
          HttpRequest.newBuilder(current)
              .timeout(readTimeout)
              .header("Accept", "image/jpeg, image/png, image/webp")
              .GET()
              .build();
      HttpResponse<InputStream> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw new ImageFetchException("the image URL did not answer in time", false);
      } catch (IOException e) {
        throw new ImageFetchException("the image URL is unreachable", false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImageFetchException("interrupted while fetching the image", true);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        Optional<String> location = response.headers().firstValue("Location");
        close(response);
        if (location.isEmpty()) {
          throw new ImageFetchException("the image URL redirects nowhere", false);
        }
        current = current.resolve(location.get());
        continue;
      }
      if (status != 200) {
        close(response);
        throw new ImageFetchException("the image URL answered HTTP " + status, false);
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxBytes) {
        close(response);
        throw new ImageFetchException("the image is larger than " + maxBytes + " bytes", false);
      }
      return readLimited(response.body());
    }
    throw new ImageFetchException("the image URL redirects more than 3 times", false);
  }

  private byte[] readLimited(InputStream body) {
    try (InputStream in = body) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new ImageFetchException("the image is larger than " + maxBytes + " bytes", false);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new ImageFetchException("the image download broke off", false);
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // nothing to do: the connection is discarded
    }
  }
}
