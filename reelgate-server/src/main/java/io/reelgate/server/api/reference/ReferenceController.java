package io.reelgate.server.api.reference;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The API reference: the OpenAPI document is the static {@code /openapi.json}; this serves the page
 * that renders it, {@code /docs/}, with nothing fetched from elsewhere.
 */
@Controller
public class ReferenceController {

  @GetMapping({"/docs", "/docs/"})
  public String docs() {
    return "forward:/docs/index.html";
  }
}
