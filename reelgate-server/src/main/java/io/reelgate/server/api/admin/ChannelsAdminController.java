package io.reelgate.server.api.admin;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/v1/channels}: every channel with its protocol, models, route, cost, health
 * (circuit state), recent error rate (failed share of the last calls the breaker counts, or null
 * before any call) and jobs in flight on this node.
 */
@RestController
public class ChannelsAdminController {
  private final ChannelRouter router;

  public ChannelsAdminController(ChannelRouter router) {
    this.router = router;
  }

  @GetMapping("/admin/v1/channels")
  public Map<String, Object> channels() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Channel c : router.all()) {
      CircuitBreaker.Metrics metrics = c.health().getMetrics();
      int calls = metrics.getNumberOfBufferedCalls();
      int failed = metrics.getNumberOfFailedCalls();
      Map<String, Object> health = new LinkedHashMap<>();
      health.put("state", c.health().getState().name().toLowerCase(Locale.ROOT));
      health.put("calls", calls);
      health.put("failedCalls", failed);
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", c.id());
      view.put("protocol", c.protocol());
      view.put("route", c.route().wireName());
      view.put("cost", c.cost());
      view.put("models", router.modelsOf(c));
      view.put("health", health);
      view.put("recentErrorRate", calls == 0 ? null : (double) failed / calls);
      view.put("inFlight", c.inFlight().get());
      view.put("maxConcurrent", c.maxConcurrent());
      out.add(view);
    }
    return Map.of("channels", out);
  }
}
