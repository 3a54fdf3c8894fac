package io.reelgate.server.console;

import java.net.URI;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's entry page: {@code /console/} answers its {@code index.html}, {@code /console}
 * redirects there (so that the page's relative module paths resolve under {@code /console/}). The
 * other files are served by {@link ConsoleResources}.
 */
@Controller
public class ConsoleController {
  static final Resource INDEX = new ClassPathResource("static/console/index.html");

  @GetMapping("/console")
  public ResponseEntity<Void> redirect() {
    return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
        .location(URI.create("/console/"))
        .build();
  }

  @GetMapping("/console/")
  public ResponseEntity<Resource> index() {
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .cacheControl(CacheControl.noCache())
        .body(INDEX);
  }
}
