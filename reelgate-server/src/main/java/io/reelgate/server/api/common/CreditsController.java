package io.reelgate.server.api.common;

import io.reelgate.server.access.Caller;
import io.reelgate.server.billing.Wallet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The credits of the key's account, in {@code {"code","message","data"}} envelopes: {@code GET
 * /api/v1/credits} (spendable balance, reserved, spent) and {@code GET /api/v1/credits/ledger}
 * (ledger rows, newest first, pages by {@code before}).
 */
@RestController
public class CreditsController {
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 500;

  private final Wallet wallet;

  public CreditsController(Wallet wallet) {
    this.wallet = wallet;
  }

  @GetMapping("/api/v1/credits")
  public ResponseEntity<Map<String, Object>> balance(Caller caller) {
    Wallet.Balance b = wallet.balanceOf(caller.accountId());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("balance", b.balance());
    data.put("reserved", b.reserved());
    data.put("spent", b.spent());
    return AccountApiErrors.envelope(200, "success", data);
  }

  @GetMapping("/api/v1/credits/ledger")
  public ResponseEntity<Map<String, Object>> ledger(
      Caller caller,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "before", required = false) String before) {
    int max = (int) number("limit", limit, 1, MAX_PAGE, DEFAULT_PAGE);
    long beforeId = number("before", before, 1, Long.MAX_VALUE, Long.MAX_VALUE);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Wallet.Entry e : wallet.ledger(caller.accountId(), beforeId, max)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("kind", e.kind());
      m.put("amount", e.amount());
      m.put("reserved", e.reservedDelta());
      m.put("taskId", e.taskId());
      m.put("time", e.at());
      m.put("note", e.note());
      entries.add(m);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("entries", entries);
    data.put("nextBefore", entries.size() == max ? entries.getLast().get("id") : null);
    return AccountApiErrors.envelope(200, "success", data);
  }

  private static long number(String name, String text, long min, long max, long absent) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new WebhooksController.Refusal(
        400, name + " must be an integer from " + min + " to " + max);
  }
}
