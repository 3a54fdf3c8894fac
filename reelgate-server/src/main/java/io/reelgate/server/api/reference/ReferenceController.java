package io.reelgate.server.api.reference;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API reference: the OpenAPI document at {@code /openapi.json} and the page that renders it at
 * {@code /docs/}, both from the class path (static file serving is off), nothing fetched from
 * elsewhere.
 */
@RestController
public class ReferenceController {

  @GetMapping("/openapi.json")
  public ResponseEntity<Resource> openapi() {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ClassPathResource("static/openapi.json"));
  }

  @GetMapping({"/docs", "/docs/"})
  public ResponseEntity<Resource> docs() {
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .body(new ClassPathResource("static/docs/index.html"));
  }
}
