package io.reelgate.core.image;

/** Input image formats the gateway accepts. */
public enum ImageFormat {
  JPEG("image/jpeg"),
  PNG("image/png"),
  WEBP("image/webp");

  private final String mediaType;

  ImageFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }
}
