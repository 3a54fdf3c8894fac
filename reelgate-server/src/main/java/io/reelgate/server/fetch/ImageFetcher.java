package io.reelgate.server.fetch;

import io.reelgate.core.image.ImageFormat;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.image.ImageProbe;
import io.reelgate.providers.InputImage;
import io.reelgate.server.config.ReelgateSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Fetches input images: http(s) URLs through {@link GuardedHttp} (checked addresses only, every
 * redirect hop checked again, at most three), or {@code data:} URIs. The type comes from the magic
 * bytes and the dimensions from the header, which is looked at as soon as its first bytes arrive:
 * an image over the pixel limit is refused before the rest is read, and a body over the size limit
 * is abandoned where it crosses it.
 */
@Component
public class ImageFetcher {
  /** How much of the start of a download is enough to find a PNG or WebP header. */
  static final int HEADER_WINDOW = 64 * 1024;

  private static final Map<String, String> ACCEPT =
      Map.of("Accept", "image/jpeg, image/png, image/webp");

  private final GuardedHttp http;
  private final long maxBytes;
  private final long maxPixels;
  private final GuardedHttp.Limits limits;

  public ImageFetcher(GuardedHttp http, ReelgateSettings settings) {
    this.http = http;
    this.maxBytes = settings.images().maxBytes();
    this.maxPixels = settings.images().maxPixels();
    this.limits =
        new GuardedHttp.Limits(settings.images().connectTimeout(), settings.images().readTimeout());
  }

  /**
   * @throws ImageFetchException with a message that says why the image cannot be used
   */
  public InputImage fetch(String url) {
    if (url == null) {
      throw new ImageFetchException("the image URL is missing", false);
    }
    byte[] bytes = url.regionMatches(true, 0, "data:", 0, 5) ? decodeDataUri(url) : download(url);
    return new InputImage(bytes, inspect(bytes));
  }

  /**
   * The format and size of a complete image file, within the limits.
   *
   * @throws ImageFetchException when it is not a supported image, or too large
   */
  public ImageInfo inspect(byte[] bytes) {
    Optional<ImageInfo> info = ImageProbe.probe(bytes);
    if (info.isEmpty()) {
      throw new ImageFetchException(
          ImageProbe.format(bytes).isPresent() ? "the image header is damaged" : notAnImage(bytes),
          false);
    }
    checkPixels(info.get());
    return info.get();
  }

  private void checkPixels(ImageInfo info) {
    if ((long) info.width() * info.height() > maxPixels) {
      throw new ImageFetchException(
          "the image is too large: "
              + info.width()
              + "x"
              + info.height()
              + " pixels is more than "
              + maxPixels / 1_000_000
              + " megapixels",
          false);
    }
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
      throw new ImageFetchException(tooLarge(), false);
    }
    try {
      return Base64.getMimeDecoder().decode(uri.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      throw new ImageFetchException("the data URI is not valid base64", false);
    }
  }

  private byte[] download(String url) {
    try {
      return http.get(
          url,
          ACCEPT,
          limits,
          (answer, body) -> {
            if (answer.status() != 200) {
              throw new ImageFetchException(
                  "the image URL answered HTTP " + answer.status() + " instead of an image", false);
            }
            if (answer.contentLength() > maxBytes) {
              throw new ImageFetchException(tooLarge(), false);
            }
            return readImage(body);
          });
    } catch (ForbiddenAddressException e) {
      throw new ImageFetchException("the image URL " + e.getMessage(), false);
    } catch (FetchFailedException e) {
      throw new ImageFetchException("the image URL " + e.getMessage(), false);
    }
  }

  /**
   * Reads an image body up to the size limit. Once the first {@value #HEADER_WINDOW} bytes are in,
   * the header is looked at: a body that is no image, or an image over the pixel limit, is refused
   * there without reading on.
   */
  byte[] readImage(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    boolean headerSeen = false;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > maxBytes) {
        throw new ImageFetchException(tooLarge(), false);
      }
      out.write(buffer, 0, n);
      if (!headerSeen && total >= HEADER_WINDOW) {
        headerSeen = true;
        byte[] start = out.toByteArray();
        Optional<ImageInfo> info = ImageProbe.probe(start);
        if (info.isPresent()) {
          checkPixels(info.get());
        } else if (ImageProbe.format(start).isEmpty()) {
          throw new ImageFetchException(notAnImage(start), false);
        } else if (ImageProbe.format(start).get() != ImageFormat.JPEG) {
          // why: PNG and WebP put their size in the first bytes; a JPEG's frame header may follow
          // large metadata, so only a JPEG is read on without one
          throw new ImageFetchException("the image header is damaged", false);
        }
      }
    }
    return out.toByteArray();
  }

  private String tooLarge() {
    return "the image is too large: more than " + maxBytes + " bytes";
  }

  /** Why bytes are not a usable image: another image format, or no image at all. */
  static String notAnImage(byte[] b) {
    String other = otherFormat(b);
    if (other != null) {
      return "the image is a " + other + ", an unsupported format; use JPEG, PNG or WebP";
    }
    return "not an image: the content is not JPEG, PNG or WebP";
  }

  private static String otherFormat(byte[] b) {
    String start =
        new String(b, 0, Math.min(b.length, 64), StandardCharsets.ISO_8859_1)
            .stripLeading()
            .toLowerCase(Locale.ROOT);
    if (start.startsWith("gif8")) {
      return "GIF";
    }
    if (start.startsWith("bm")) {
      return "BMP";
    }
    if (start.startsWith("ii*\0") || start.startsWith("mm\0*")) {
      return "TIFF";
    }
    if (b.length >= 12
        && new String(Arrays.copyOfRange(b, 4, 8), StandardCharsets.ISO_8859_1).equals("ftyp")) {
      String brand = new String(Arrays.copyOfRange(b, 8, 12), StandardCharsets.ISO_8859_1);
      return brand.startsWith("avi") ? "AVIF" : brand.startsWith("hei") ? "HEIC" : "ISO media file";
    }
    if (start.startsWith("<svg") || (start.startsWith("<?xml") && start.contains("<svg"))) {
      return "SVG";
    }
    return null;
  }
}
