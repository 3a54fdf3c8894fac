package io.reelgate.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageProbeTest {

  static byte[] encode(int w, int h, String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), format, out);
    return out.toByteArray();
  }

  @Test
  void readsPngAndJpegHeaders() throws Exception {
    assertThat(ImageProbe.probe(encode(1280, 720, "png")))
        .contains(new ImageInfo(ImageFormat.PNG, 1280, 720));
    assertThat(ImageProbe.probe(encode(719, 1281, "jpeg")))
        .contains(new ImageInfo(ImageFormat.JPEG, 719, 1281));
  }

  @Test
  void readsTheThreeWebpHeaderKinds() {
    ByteBuffer lossy = webp("VP8 ", 30);
    lossy.position(23);
    lossy
        .put((byte) 0x9D)
        .put((byte) 0x01)
        .put((byte) 0x2A)
        .putShort((short) 1792)
        .putShort((short) 1024);
    assertThat(ImageProbe.probe(lossy.array()))
        .contains(new ImageInfo(ImageFormat.WEBP, 1792, 1024));

    ByteBuffer lossless = webp("VP8L", 30);
    lossless.position(20);
    lossless.put((byte) 0x2F).putInt((1280 - 1) | ((720 - 1) << 14));
    assertThat(ImageProbe.probe(lossless.array()))
        .contains(new ImageInfo(ImageFormat.WEBP, 1280, 720));

    ByteBuffer extended = webp("VP8X", 30);
    extended.position(24);
    int w = 1024 - 1;
    int h = 1792 - 1;
    extended.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16));
    extended.put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
    assertThat(ImageProbe.probe(extended.array()))
        .contains(new ImageInfo(ImageFormat.WEBP, 1024, 1792));
  }

  @Test
  void refusesWhatIsNotASupportedImage() throws Exception {
    assertThat(ImageProbe.probe("hello".getBytes())).isEmpty();
    assertThat(ImageProbe.probe(new byte[0])).isEmpty();
    assertThat(ImageProbe.probe(encode(10, 10, "gif"))).isEmpty();
    byte[] png = encode(64, 64, "png");
    byte[] truncated = Arrays.copyOf(png, 20);
    assertThat(ImageProbe.probe(truncated)).isEmpty();
    assertThat(ImageProbe.format(truncated)).contains(ImageFormat.PNG);
  }

  @Test
  void aPngHeaderClaimingHugeDimensionsIsReadWithoutDecoding() throws Exception {
    byte[] png = encode(8, 8, "png");
    ByteBuffer.wrap(png).putInt(16, 100_000).putInt(20, 100_000);
    assertThat(ImageProbe.probe(png)).contains(new ImageInfo(ImageFormat.PNG, 100_000, 100_000));
  }

  private static ByteBuffer webp(String chunk, int length) {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes())
        .putInt(length - 8)
        .put("WEBP".getBytes())
        .put(chunk.getBytes())
        .putInt(length - 20);
    return b;
  }
}
