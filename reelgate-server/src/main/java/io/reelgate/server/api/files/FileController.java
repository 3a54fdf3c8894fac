package io.reelgate.server.api.files;

import io.reelgate.server.storage.ResultStore;
import io.reelgate.server.storage.SignedUrls;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored results at signed URLs. Spring answers {@code Range} requests for a {@link
 * Resource} body with 206 and the requested bytes.
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
      @RequestParam(name = "sig", required = false) String sig) {
    String key = taskId + "/" + name;
    if (!signedUrls.verify(key, expires, sig)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    Path file = store.find(key).orElse(null);
    if (file == null) {
      return ResponseEntity.notFound().build();
    }
    MediaType type =
        name.endsWith(".mp4")
            ? MediaType.parseMediaType("video/mp4")
            : name.endsWith(".png") ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG;
    return ResponseEntity.ok()
        .contentType(type)
        .cacheControl(CacheControl.empty().cachePrivate().noTransform())
        .header("Accept-Ranges", "bytes")
        .body(new FileSystemResource(file));
  }
}
