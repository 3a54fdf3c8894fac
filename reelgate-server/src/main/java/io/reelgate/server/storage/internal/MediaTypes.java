package io.reelgate.server.storage.internal;

/** The media type of a stored file, from its name. */
final class MediaTypes {
  private MediaTypes() {}

  static String of(String name) {
    if (name.endsWith(".mp4")) {
      return "video/mp4";
    }
    return name.endsWith(".png") ? "image/png" : "image/jpeg";
  }
}
