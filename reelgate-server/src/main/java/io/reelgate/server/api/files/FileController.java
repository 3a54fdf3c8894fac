package io.reelgate.server.api.files;

import io.reelgate.server.api.common.StoredFiles;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.engine.StorageUnavailableException;
import io.reelgate.server.storage.ResultFiles;
import io.reelgate.server.storage.SignedUrls;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored results at signed URLs: 403 for a signature this gateway did not make, 410 Gone
 * once the result's lifetime is over (the retention job deletes it then), 404 for a result deleted
 * by its owner. From the local disk or streamed from the object store, {@code Range} requests are
 * answered 206 with the requested bytes (or 416 without a body when no requested byte exists; see
 * {@link StoredFiles}); with {@code REELGATE_STORAGE_S3_DOWNLOADS=redirect} a valid URL is answered
 * with a redirect to a presigned URL of the store that expires no later than it.
 */
@RestController
public class FileController {
  private final ResultFiles files;
  private final SignedUrls signedUrls;
  private final boolean redirect;

  public FileController(ResultFiles files, SignedUrls signedUrls, ReelgateSettings settings) {
    this.files = files;
    this.signedUrls = signedUrls;
    this.redirect = settings.storage().s3Selected() && settings.storage().s3().redirects();
  }

  @GetMapping("/files/{taskId}/{name}")
  public ResponseEntity<Resource> file(
      @PathVariable String taskId,
      @PathVariable String name,
      @RequestParam(name = "expires", defaultValue = "0") long expires,
      @RequestParam(name = "sig", required = false) String sig,
      @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
    String key = taskId + "/" + name;
    switch (signedUrls.check(key, expires, sig)) {
      case INVALID -> {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
      }
      case EXPIRED -> {
        return ResponseEntity.status(HttpStatus.GONE).build();
      }
      case VALID -> {
        // served below
      }
    }
    if (redirect) {
      Optional<URI> presigned = files.presign(key, Instant.ofEpochSecond(expires));
      if (presigned.isPresent()) {
        return ResponseEntity.status(HttpStatus.FOUND)
            .location(presigned.get())
            .cacheControl(CacheControl.noStore())
            .build();
      }
    }
    Resource file;
    try {
      file = files.find(key).orElse(null);
    } catch (StorageUnavailableException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, "5")
          .build();
    }
    if (file == null) {
      return ResponseEntity.notFound().build();
    }
    return StoredFiles.answer(file, name, range);
  }
}
