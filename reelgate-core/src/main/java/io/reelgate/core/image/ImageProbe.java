package io.reelgate.core.image;

import java.util.Optional;

/**
 * Reads an image's format from its magic bytes and its dimensions from its header (JPEG SOF, PNG
 * IHDR, WebP VP8/VP8L/VP8X chunks) without decoding pixels.
 */
public final class ImageProbe {
  private ImageProbe() {}

  /**
   * @param bytes the start of the file (the whole header must be there; for JPEG, up to its SOF)
   * @return the format and size, or empty when the bytes are not a JPEG, PNG or WebP header
   */
  public static Optional<ImageInfo> probe(byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    if (isPng(bytes)) {
      return png(bytes);
    }
    if (bytes.length >= 3 && u8(bytes, 0) == 0xFF && u8(bytes, 1) == 0xD8 && u8(bytes, 2) == 0xFF) {
      return jpeg(bytes);
    }
    if (bytes.length >= 12 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
      return webp(bytes);
    }
    return Optional.empty();
  }

  /** The format by magic bytes alone, even when the rest of the header is missing or broken. */
  public static Optional<ImageFormat> format(byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    if (isPng(bytes)) {
      return Optional.of(ImageFormat.PNG);
    }
    if (bytes.length >= 3 && u8(bytes, 0) == 0xFF && u8(bytes, 1) == 0xD8 && u8(bytes, 2) == 0xFF) {
      return Optional.of(ImageFormat.JPEG);
    }
    if (bytes.length >= 12 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
      return Optional.of(ImageFormat.WEBP);
    }
    return Optional.empty();
  }

  private static boolean isPng(byte[] b) {
    int[] sig = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (b.length < sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if (u8(b, i) != sig[i]) {
        return false;
      }
    }
    return true;
  }

  private static Optional<ImageInfo> png(byte[] b) {
    // signature (8) + chunk length (4) + "IHDR" (4) + width (4) + height (4)
    if (b.length < 24 || !ascii(b, 12, "IHDR")) {
      return Optional.empty();
    }
    return sized(ImageFormat.PNG, be32(b, 16), be32(b, 20));
  }

  private static Optional<ImageInfo> jpeg(byte[] b) {
    int pos = 2;
    while (pos + 4 <= b.length) {
      if (u8(b, pos) != 0xFF) {
        return Optional.empty();
      }
      int marker = u8(b, pos + 1);
      if (marker == 0xFF) { // fill byte
        pos++;
        continue;
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        pos += 2; // markers without a length
        continue;
      }
      int length = be16(b, pos + 2);
      if (length < 2) {
        return Optional.empty();
      }
      boolean startOfFrame =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (startOfFrame) {
        if (pos + 9 > b.length) {
          return Optional.empty();
        }
        return sized(ImageFormat.JPEG, be16(b, pos + 7), be16(b, pos + 5));
      }
      if (marker == 0xD9 || marker == 0xDA) { // end of image or start of scan before any SOF
        return Optional.empty();
      }
      pos += 2 + length;
    }
    return Optional.empty();
  }

  private static Optional<ImageInfo> webp(byte[] b) {
    if (b.length < 30) {
      return Optional.empty();
    }
    if (ascii(b, 12, "VP8 ")) {
      // frame tag (3) + start code 9d 01 2a (3) + 14-bit width + 14-bit height
      if (u8(b, 23) != 0x9D || u8(b, 24) != 0x01 || u8(b, 25) != 0x2A) {
        return Optional.empty();
      }
      return sized(ImageFormat.WEBP, le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF);
    }
    if (ascii(b, 12, "VP8L")) {
      if (u8(b, 20) != 0x2F) {
        return Optional.empty();
      }
      long bits = le32(b, 21);
      int width = (int) (bits & 0x3FFF) + 1;
      int height = (int) ((bits >> 14) & 0x3FFF) + 1;
      return sized(ImageFormat.WEBP, width, height);
    }
    if (ascii(b, 12, "VP8X")) {
      int width = le24(b, 24) + 1;
      int height = le24(b, 27) + 1;
      return sized(ImageFormat.WEBP, width, height);
    }
    return Optional.empty();
  }

  private static Optional<ImageInfo> sized(ImageFormat format, long width, long height) {
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new ImageInfo(format, (int) width, (int) height));
  }

  private static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  private static int be16(byte[] b, int i) {
    return (u8(b, i) << 8) | u8(b, i + 1);
  }

  private static long be32(byte[] b, int i) {
    return ((long) u8(b, i) << 24) | (u8(b, i + 1) << 16) | (u8(b, i + 2) << 8) | u8(b, i + 3);
  }

  private static int le16(byte[] b, int i) {
    return u8(b, i) | (u8(b, i + 1) << 8);
  }

  private static int le24(byte[] b, int i) {
    return u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16);
  }

  private static long le32(byte[] b, int i) {
    return u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16) | ((long) u8(b, i + 3) << 24);
  }

  private static boolean ascii(byte[] b, int offset, String text) {
    if (b.length < offset + text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (b[offset + i] != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
