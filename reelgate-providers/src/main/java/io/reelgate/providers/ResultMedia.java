package io.reelgate.providers;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a finished video can be taken from: a local file the adapter wrote, or an upstream URL that
 * the gateway downloads into its own storage. An optional poster frame comes with it.
 */
public record ResultMedia(Path file, URI url, Path poster) {
  public ResultMedia {
    if ((file == null) == (url == null)) {
      throw new IllegalArgumentException("exactly one of file and url must be set");
    }
  }

  public static ResultMedia ofFile(Path file, Path poster) {
    return new ResultMedia(file, null, poster);
  }

  public static ResultMedia ofUrl(URI url) {
    return new ResultMedia(null, url, null);
  }

  public Optional<Path> posterFile() {
    return Optional.ofNullable(poster);
  }
}
