package io.reelgate.providers.support;

import io.reelgate.core.FailureCode;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** How adapters hand input images to upstreams that take an image URL field. */
public final class InputImages {
  /** Images up to this size are sent inline as data URLs (Replicate's own advice). */
  public static final int INLINE_LIMIT_BYTES = 256 * 1024;

  private InputImages() {}

  /** The fetched bytes as a {@code data:} URL. */
  public static String dataUrl(InputImage image) {
    return "data:"
        + image.info().format().mediaType()
        + ";base64,"
        + Base64.getEncoder().encodeToString(image.bytes());
  }

  /**
   * What to put in an image URL field for image {@code index}: the image as checked, inline, when
   * it is small or came as a data URL; the request's own http(s) URL otherwise, so large images are
   * not pushed through the upstream's request size limit.
   *
   * @throws ProviderException (bad input) when the job has no image {@code index}
   */
  public static String reference(ProviderJob job, int index) {
    if (index >= job.images().size()) {
      throw new ProviderException(
          FailureCategory.BAD_INPUT,
          FailureCode.INVALID_IMAGE_URL,
          false,
          null,
          "the request needs input image " + (index + 1) + " for " + job.request().kind(),
          null);
    }
    InputImage image = job.images().get(index);
    String original = originalUrl(job, index);
    if (image.bytes().length <= INLINE_LIMIT_BYTES || original == null) {
      return dataUrl(image);
    }
    return original;
  }

  /** The request's http(s) URL of image {@code index}, or null when it came inline. */
  public static String originalUrl(ProviderJob job, int index) {
    List<String> urls = job.request().imageUrls();
    if (urls.size() != job.images().size() || index >= urls.size()) {
      return null;
    }
    String url = urls.get(index);
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
  }
}
