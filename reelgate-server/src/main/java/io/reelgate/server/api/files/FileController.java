package io.reelgate.server.api.files;

import io.reelgate.server.api.common.StoredFiles;
import io.reelgate.server.storage.ResultStore;
import io.reelgate.server.storage.SignedUrls;
import java.nio.file.Path;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored results at signed URLs, with {@code Range} requests answered 206 (or 416 without a
 * body when no requested byte exists; see {@link StoredFiles}).
 */
@RestController
public class FileController {
  private final ResultStore store;
  private final SignedUrls signedUrls;

  public FileController(ResultStore store, SignedUrls signedUrls) {
    this.store = store;
    this.signedUrls = signedUrls;
  }

  @GetMapping("/files/{taskId}/{name}")
  public ResponseEntity<Resource> file(
      @PathVariable String taskId,
      @PathVariable String name,
      @RequestParam(name = "expires", defaultValue = "0") long expires,
      @RequestParam(name = "sig", required = false) String sig,
      @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
    String key = taskId + "/" + name;
    if (!signedUrls.verify(key, expires, sig)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    Path file = store.find(key).orElse(null);
    if (file == null) {
      return ResponseEntity.notFound().build();
    }
    return StoredFiles.answer(file, name, range);
  }
}
