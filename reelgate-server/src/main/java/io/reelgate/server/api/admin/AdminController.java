package io.reelgate.server.api.admin;

import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.WebhookSecrets;
import io.reelgate.server.api.common.Fields;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.billing.Wallet;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The operator's API for accounts: creating them, credits and the ledger (keys and their limits:
 * {@link AdminKeysController}). Authentication is the {@link AdminTokenFilter}'s; errors are {@code
 * {"error","message"}}.
 */
@RestController
@RequestMapping("/admin/v1")
public class AdminController {
  /** Largest credit amount accepted in one request. */
  static final long MAX_CREDITS = 1_000_000_000_000L;

  private final Wallet wallet;
  private final ApiKeys apiKeys;
  private final WebhookSecrets webhookSecrets;
  private final JsonBodies bodies;
  private final TransactionTemplate tx;

  public AdminController(
      Wallet wallet,
      ApiKeys apiKeys,
      WebhookSecrets webhookSecrets,
      JsonBodies bodies,
      TransactionTemplate tx) {
    this.wallet = wallet;
    this.apiKeys = apiKeys;
    this.webhookSecrets = webhookSecrets;
    this.bodies = bodies;
    this.tx = tx;
  }

  @PostMapping("/accounts")
  public ResponseEntity<Map<String, Object>> createAccount(HttpServletRequest http) {
    JsonNode body = bodies.readObject(http);
    String name = Fields.string(body, "name", "name");
    if (name == null || name.isBlank()) {
      throw AdminException.invalid("name", "is required");
    }
    if (name.length() > 200) {
      throw AdminException.invalid("name", "must be at most 200 characters");
    }
    Long credits = Fields.longInRange(body, "credits", "credits", 0, MAX_CREDITS);
    long initial = credits == null ? 0 : credits;
    String apiKey = ApiKeys.generate();
    Map<String, Object> out =
        tx.execute(
            s -> {
              String accountId = wallet.createAccount(name.trim(), initial);
              String keyId = apiKeys.register(accountId, apiKey);
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("accountId", accountId);
              m.put("name", name.trim());
              m.put("keyId", keyId);
              m.put("apiKey", apiKey);
              m.put("webhookSecret", webhookSecrets.secretOf(accountId));
              m.put("balance", initial);
              return m;
            });
    return json(HttpStatus.CREATED, out);
  }

  @GetMapping("/accounts/{accountId}")
  public ResponseEntity<Map<String, Object>> account(@PathVariable String accountId) {
    return json(HttpStatus.OK, accountView(accountId));
  }

  @PostMapping("/accounts/{accountId}/credits")
  public ResponseEntity<Map<String, Object>> credits(
      @PathVariable String accountId, HttpServletRequest http) {
    accountView(accountId);
    JsonNode body = bodies.readObject(http);
    Long amount = Fields.longInRange(body, "amount", "amount", -MAX_CREDITS, MAX_CREDITS);
    if (amount == null || amount == 0) {
      throw AdminException.invalid(
          "amount", "is required: a non-zero integer (negative to deduct credits)");
    }
    String note = Fields.string(body, "note", "note");
    if (note != null && note.length() > 500) {
      throw AdminException.invalid("note", "must be at most 500 characters");
    }
    try {
      wallet.adjust(accountId, amount, note == null || note.isBlank() ? null : note.trim());
    } catch (InsufficientCreditsException e) {
      throw new AdminException(
          400,
          "insufficient_balance",
          "amount "
              + amount
              + " would take the balance below 0; the spendable balance is "
              + wallet.balanceOf(accountId).balance());
    }
    return json(HttpStatus.OK, accountView(accountId));
  }

  @GetMapping("/accounts/{accountId}/ledger")
  public ResponseEntity<Map<String, Object>> ledger(
      @PathVariable String accountId,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "before", required = false) String before) {
    accountView(accountId);
    int max = (int) parse("limit", limit, 1, 1000, 100);
    long beforeId = parse("before", before, 1, Long.MAX_VALUE, Long.MAX_VALUE);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Wallet.Entry e : wallet.ledger(accountId, beforeId, max)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("amount", e.amount());
      m.put("reserved", e.reservedDelta());
      m.put("kind", e.kind());
      m.put("taskId", e.taskId());
      m.put("at", Instant.ofEpochMilli(e.at()).toString());
      m.put("note", e.note());
      entries.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", entries);
    out.put(
        "next",
        entries.size() == max
            ? "/admin/v1/accounts/"
                + accountId
                + "/ledger?limit="
                + max
                + "&before="
                + entries.getLast().get("id")
            : null);
    return json(HttpStatus.OK, out);
  }

  private Map<String, Object> accountView(String accountId) {
    if (accountId == null || accountId.length() > 40) {
      throw AdminException.notFound("account " + accountId);
    }
    Wallet.Account a =
        wallet
            .account(accountId)
            .orElseThrow(() -> AdminException.notFound("account " + accountId));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accountId", a.id());
    m.put("name", a.name());
    m.put("balance", a.balance());
    m.put("reserved", a.reserved());
    m.put("spent", a.spent());
    m.put("createdAt", Instant.ofEpochMilli(a.createdAt()).toString());
    return m;
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

  static ResponseEntity<Map<String, Object>> json(HttpStatus status, Map<String, Object> body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
