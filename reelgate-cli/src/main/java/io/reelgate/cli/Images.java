package io.reelgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns an {@code --image} argument into what the gateway takes: a URL, or a local file as a data:
 * URI.
 */
final class Images {
  private Images() {}

  /** A URL or data: URI as given; a path of a JPEG, PNG or WebP file becomes a data: URI. */
  static String toReference(String argument) {
    String lower = argument.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("data:")) {
      return argument;
    }
    Path file = Path.of(argument);
    if (!Files.isRegularFile(file)) {
      throw new CliException(
          ExitCodes.USAGE,
          "--image: " + argument + " is neither an http(s) URL nor a readable file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "--image: cannot read " + file + ": " + e.getMessage());
    }
    return "data:"
        + mediaType(bytes, argument)
        + ";base64,"
        + Base64.getEncoder().encodeToString(bytes);
  }

  static String mediaType(byte[] b, String name) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "image/png";
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (b.length >= 12
        && b[0] == 'R'
        && b[1] == 'I'
        && b[2] == 'F'
        && b[3] == 'F'
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') {
      return "image/webp";
    }
    throw new CliException(
        ExitCodes.USAGE, "--image: " + name + " is not a JPEG, PNG or WebP image");
  }
}
