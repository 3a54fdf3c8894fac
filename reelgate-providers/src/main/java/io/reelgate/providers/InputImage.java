package io.reelgate.providers;

import io.reelgate.core.image.ImageInfo;
import java.util.Objects;

/** An input image as fetched: its bytes and what its header says. */
public record InputImage(byte[] bytes, ImageInfo info) {
  public InputImage {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(info, "info");
  }
}
