package io.reelgate.server.api.common;

import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The answer that serves a stored result file: the whole file, or with a {@code Range} header the
 * requested bytes (206, written by Spring from the resource). A range that cannot be served — it
 * starts past the end, or is malformed — answers {@code 416} with {@code Content-Range: bytes
 * *&#47;<length>} and no body (Spring alone would send the whole file with the 416).
 */
public final class StoredFiles {
  private StoredFiles() {}

  /** The answer for {@code file}, honouring the request's {@code Range} header (or null). */
  public static ResponseEntity<Resource> answer(Path file, String name, String range) {
    return answer(new FileSystemResource(file), name, range);
  }

  /**
   * The answer for a stored result (on local disk or in the object store), honouring the request's
   * {@code Range} header (or null).
   */
  public static ResponseEntity<Resource> answer(Resource resource, String name, String range) {
    CacheControl cache = CacheControl.empty().cachePrivate().noTransform();
    if (range != null && !range.isBlank() && !satisfiable(range, resource)) {
      return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
          .cacheControl(cache)
          .header(HttpHeaders.ACCEPT_RANGES, "bytes")
          .header(HttpHeaders.CONTENT_RANGE, "bytes */" + lengthOf(resource))
          .build();
    }
    return ResponseEntity.ok()
        .contentType(typeOf(name))
        .cacheControl(cache)
        .header(HttpHeaders.ACCEPT_RANGES, "bytes")
        .body(resource);
  }

  /** The media type of a stored file by its name. */
  static MediaType typeOf(String name) {
    return name.endsWith(".mp4")
        ? MediaType.parseMediaType("video/mp4")
        : name.endsWith(".png") ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG;
  }

  private static long lengthOf(Resource resource) {
    try {
      return resource.contentLength();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean satisfiable(String range, Resource resource) {
    try {
      List<HttpRange> ranges = HttpRange.parseRanges(range);
      // why: the same check Spring makes before it writes the regions: every range must start
      // inside the file and together they may not be longer than it
      HttpRange.toResourceRegions(ranges, resource);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
