package io.reelgate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.image.ImageProbe;
import io.reelgate.server.catalog.TestCatalog;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzz targets of the image header readers (JPEG SOF, PNG IHDR, WebP VP8/VP8L/VP8X): any bytes
 * either give a format and positive dimensions or nothing, and the fetcher's checks of {@code
 * data:} URIs and of downloaded bodies refuse with an {@link ImageFetchException} and nothing else.
 */
class ImageHeaderFuzzTest {
  private static final ImageFetcher FETCHER =
      new ImageFetcher(
          new GuardedHttp(new UrlGuard(false, HostResolver.SYSTEM, Set.of())),
          TestCatalog.settings(Map.of()));

  @FuzzTest(maxDuration = "2m")
  void probe(byte[] bytes) {
    Optional<ImageInfo> info = ImageProbe.probe(bytes);
    if (info.isPresent()) {
      assertThat(info.get().width()).isPositive();
      assertThat(info.get().height()).isPositive();
      assertThat(ImageProbe.format(bytes)).contains(info.get().format());
    }
  }

  @FuzzTest(maxDuration = "2m")
  void dataUriAndDownload(byte[] bytes) {
    try {
      ImageInfo info =
          FETCHER
              .fetch("data:image/png;base64," + Base64.getEncoder().encodeToString(bytes))
              .info();
      assertThat((long) info.width() * info.height()).isLessThanOrEqualTo(40_000_000L);
    } catch (ImageFetchException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      byte[] read = FETCHER.readImage(new ByteArrayInputStream(bytes));
      assertThat(read).isEqualTo(bytes);
    } catch (ImageFetchException e) {
      assertThat(e.getMessage()).isNotBlank();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
