package io.reelgate.server.api.admin;

import io.reelgate.server.lateresults.LateResults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/v1/late-results}: upstream jobs that finished after their task had failed with
 * {@code PROCESSING_TIMEOUT}, newest first, in pages like the ledger's ({@code limit} 1-1000,
 * default 100; {@code before} the id after which the page starts, given as {@code next}).
 */
@RestController
public class LateResultsAdminController {
  private final LateResults lateResults;

  public LateResultsAdminController(LateResults lateResults) {
    this.lateResults = lateResults;
  }

  @GetMapping("/admin/v1/late-results")
  public ResponseEntity<Map<String, Object>> lateResults(
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "before", required = false) String before) {
    int max = (int) parse("limit", limit, 1, 1000, 100);
    long beforeId = parse("before", before, 1, Long.MAX_VALUE, Long.MAX_VALUE);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (LateResults.LateResult r : lateResults.page(beforeId, max)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("taskId", r.taskId());
      m.put("accountId", r.accountId());
      m.put("model", r.model());
      m.put("channelId", r.channelId());
      m.put("upstreamJobId", r.upstreamJobId());
      m.put("seenVia", r.via().name().toLowerCase(Locale.ROOT));
      m.put(
          "timedOutAt",
          r.timedOutAt() == null ? null : Instant.ofEpochMilli(r.timedOutAt()).toString());
      m.put("reportedAt", Instant.ofEpochMilli(r.reportedAt()).toString());
      entries.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("lateResults", entries);
    out.put(
        "next",
        entries.size() == max
            ? "/admin/v1/late-results?limit=" + max + "&before=" + entries.getLast().get("id")
            : null);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out);
  }

  private static long parse(String name, String value, long min, long max, long absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      long v = Long.parseLong(value.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AdminException.invalid(name, "must be an integer from " + min + " to " + max);
  }
}
