package io.reelgate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.server.catalog.TestCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Image limits: 10 MB per file and 40 megapixels, both enforced while reading, so that neither an
 * 11 MB image nor a PNG claiming 100000x100000 pixels is read whole.
 */
class ImageFetcherTest {
  static final long MAX_BYTES = 10_485_760;

  private final ImageFetcher fetcher =
      new ImageFetcher(
          new GuardedHttp(
              new UrlGuard(false, HostileTargets.resolver(), Set.of(HostileTargets.PUBLIC_HOST))),
          TestCatalog.settings(Map.of()));

  @Test
  void aPngClaiming100000x100000IsRefusedFromItsHeader() throws Exception {
    CountingStream in = new CountingStream(png(100_000, 100_000), 9_000_000);
    assertThatThrownBy(() -> fetcher.readImage(in))
        .isInstanceOf(ImageFetchException.class)
        .hasMessage("the image is too large: 100000x100000 pixels is more than 40 megapixels");
    // the first 64 KiB and one buffer more at most, of a 9 MB body
    assertThat(in.read).isLessThanOrEqualTo(ImageFetcher.HEADER_WINDOW + 16 * 1024);
  }

  @Test
  void an11MegabyteImageIsAbandonedAtTheLimit() {
    CountingStream in = new CountingStream(png(1280, 720), 11L * 1024 * 1024);
    assertThatThrownBy(() -> fetcher.readImage(in))
        .isInstanceOf(ImageFetchException.class)
        .hasMessage("the image is too large: more than 10485760 bytes");
    assertThat(in.read).isLessThanOrEqualTo(MAX_BYTES + 16 * 1024);
  }

  @Test
  void aBodyThatIsNoImageIsRefusedAfterItsFirstBytes() {
    byte[] html = "<!doctype html><html>".getBytes();
    CountingStream in = new CountingStream(html, 5_000_000);
    assertThatThrownBy(() -> fetcher.readImage(in))
        .hasMessage("not an image: the content is not JPEG, PNG or WebP");
    assertThat(in.read).isLessThanOrEqualTo(ImageFetcher.HEADER_WINDOW + 16 * 1024);
  }

  @Test
  void anOtherImageFormatIsNamed() {
    byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes();
    assertThatThrownBy(() -> fetcher.inspect(gif))
        .hasMessage("the image is a GIF, an unsupported format; use JPEG, PNG or WebP");
  }

  @Test
  void dataUrisGetTheSameChecks() {
    String huge =
        "data:image/png;base64," + Base64.getEncoder().encodeToString(png(100_000, 100_000));
    assertThatThrownBy(() -> fetcher.fetch(huge))
        .hasMessage("the image is too large: 100000x100000 pixels is more than 40 megapixels");
    String ok = "data:image/png;base64," + Base64.getEncoder().encodeToString(png(1280, 720));
    assertThat(fetcher.fetch(ok).info().width()).isEqualTo(1280);
    String webp = "data:image/webp;base64," + Base64.getEncoder().encodeToString(vp8x(8000, 6000));
    assertThatThrownBy(() -> fetcher.fetch(webp))
        .hasMessage("the image is too large: 8000x6000 pixels is more than 40 megapixels");
  }

  @Test
  void overTheNetworkA11MegabyteImageWithItsLengthDeclaredIsRefusedBeforeItsBody()
      throws Exception {
    try (StreamingOrigin origin = new StreamingOrigin(png(1280, 720), 11L * 1024 * 1024, true)) {
      assertThatThrownBy(() -> fetcher.fetch(origin.url(HostileTargets.PUBLIC_HOST)))
          .hasMessage("the image is too large: more than 10485760 bytes");
      long written = origin.bytesWritten();
      System.out.printf("11 MiB with Content-Length: origin wrote %d bytes%n", written);
      // refused on its Content-Length: only what the socket buffers took before the hang-up
      assertThat(written).isLessThan(2L * 1024 * 1024);
    }
  }

  @Test
  void overTheNetworkAnEndlessImageIsAbandonedAtTheLimit() throws Exception {
    long total = 200L * 1024 * 1024;
    try (StreamingOrigin origin = new StreamingOrigin(png(1280, 720), total, false)) {
      assertThatThrownBy(() -> fetcher.fetch(origin.url(HostileTargets.PUBLIC_HOST)))
          .hasMessage("the image is too large: more than 10485760 bytes");
      long written = origin.bytesWritten();
      System.out.printf("200 MiB without length: origin wrote %d bytes%n", written);
      assertThat(written).isLessThan(16L * 1024 * 1024);
    }
  }

  @Test
  void overTheNetworkAHugePngIsRefusedFromItsHeader() throws Exception {
    long total = 200L * 1024 * 1024;
    try (StreamingOrigin origin = new StreamingOrigin(png(100_000, 100_000), total, false)) {
      assertThatThrownBy(() -> fetcher.fetch(origin.url(HostileTargets.PUBLIC_HOST)))
          .hasMessage("the image is too large: 100000x100000 pixels is more than 40 megapixels");
      long written = origin.bytesWritten();
      System.out.printf("PNG 100000x100000: origin wrote %d bytes%n", written);
      assertThat(written).isLessThan(2L * 1024 * 1024);
    }
  }

  /** A PNG signature and IHDR chunk: all a header reader needs. */
  static byte[] png(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes()).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
    out.writeBytes(ihdr.array());
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return out.toByteArray();
  }

  static byte[] vp8x(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(22).put("WEBP".getBytes()).put("VP8X".getBytes()).putInt(10);
    b.putInt(0);
    b.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
    b.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
    return b.array();
  }

  /** {@code head} then zeros up to {@code total} bytes, counting what was read. */
  static final class CountingStream extends InputStream {
    final byte[] head;
    final long total;
    long read;

    CountingStream(byte[] head, long total) {
      this.head = head;
      this.total = total;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (read >= total) {
        return -1;
      }
      int n = (int) Math.min(len, total - read);
      for (int i = 0; i < n; i++) {
        long pos = read + i;
        b[off + i] = pos < head.length ? head[(int) pos] : 0;
      }
      read += n;
      return n;
    }

    @Override
    public void close() throws IOException {}
  }
}
