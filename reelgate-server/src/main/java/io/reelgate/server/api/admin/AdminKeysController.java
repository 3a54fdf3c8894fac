package io.reelgate.server.api.admin;

import io.reelgate.core.catalog.Limits;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.api.common.Fields;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.limits.KeyLimits;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The operator's API for API keys: issuing, listing and revoking an account's keys, and per-key
 * limits per model. Authentication is the {@link AdminTokenFilter}'s; errors are {@code
 * {"error","message"}}.
 */
@RestController
@RequestMapping("/admin/v1")
public class AdminKeysController {
  static final int MAX_LIMIT = 1_000_000;

  private final Wallet wallet;
  private final ApiKeys apiKeys;
  private final KeyLimits keyLimits;
  private final ModelCatalog catalog;
  private final JsonBodies bodies;

  public AdminKeysController(
      Wallet wallet,
      ApiKeys apiKeys,
      KeyLimits keyLimits,
      ModelCatalog catalog,
      JsonBodies bodies) {
    this.wallet = wallet;
    this.apiKeys = apiKeys;
    this.keyLimits = keyLimits;
    this.catalog = catalog;
    this.bodies = bodies;
  }

  @PostMapping("/accounts/{accountId}/keys")
  public ResponseEntity<Map<String, Object>> createKey(@PathVariable String accountId) {
    requireAccount(accountId);
    String apiKey = ApiKeys.generate();
    String keyId = apiKeys.register(accountId, apiKey);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("keyId", keyId);
    out.put("apiKey", apiKey);
    return AdminController.json(HttpStatus.CREATED, out);
  }

  @GetMapping("/accounts/{accountId}/keys")
  public ResponseEntity<Map<String, Object>> keys(@PathVariable String accountId) {
    requireAccount(accountId);
    List<Map<String, Object>> keys =
        apiKeys.list(accountId).stream().map(AdminKeysController::keyView).toList();
    return AdminController.json(HttpStatus.OK, Map.of("keys", keys));
  }

  @DeleteMapping("/keys/{keyId}")
  public ResponseEntity<Void> revoke(@PathVariable String keyId) {
    if (!apiKeys.revoke(keyId)) {
      throw AdminException.notFound("key " + keyId);
    }
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/keys/{keyId}/limits")
  public ResponseEntity<Map<String, Object>> setLimits(
      @PathVariable String keyId, HttpServletRequest http) {
    key(keyId);
    JsonNode body = bodies.readObject(http);
    String model = Fields.string(body, "model", "model");
    if (model == null || model.isBlank()) {
      throw AdminException.invalid("model", "is required: one of " + modelIds());
    }
    ModelSpec spec =
        catalog
            .find(model.trim())
            .orElseThrow(() -> AdminException.invalid("model", "must be one of " + modelIds()));
    Long perMinute =
        Fields.longInRange(body, "requestsPerMinute", "requestsPerMinute", 1, MAX_LIMIT);
    Long concurrent = Fields.longInRange(body, "concurrentTasks", "concurrentTasks", 1, MAX_LIMIT);
    if (perMinute == null) {
      throw AdminException.invalid(
          "requestsPerMinute", "is required: an integer from 1 to " + MAX_LIMIT);
    }
    if (concurrent == null) {
      throw AdminException.invalid(
          "concurrentTasks", "is required: an integer from 1 to " + MAX_LIMIT);
    }
    keyLimits.override(keyId, spec.id(), new Limits(perMinute.intValue(), concurrent.intValue()));
    return limits(keyId);
  }

  @GetMapping("/keys/{keyId}/limits")
  public ResponseEntity<Map<String, Object>> limits(@PathVariable String keyId) {
    key(keyId);
    Map<String, Limits> overrides = keyLimits.overrides(keyId);
    List<Map<String, Object>> limits = new ArrayList<>();
    catalog.all().stream()
        .sorted((a, b) -> a.id().compareTo(b.id()))
        .forEach(
            spec -> {
              Limits l = overrides.getOrDefault(spec.id(), spec.limits());
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("model", spec.id());
              m.put("requestsPerMinute", l.requestsPerMinute());
              m.put("concurrentTasks", l.concurrentTasks());
              m.put("overridden", overrides.containsKey(spec.id()));
              limits.add(m);
            });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("keyId", keyId);
    out.put("limits", limits);
    return AdminController.json(HttpStatus.OK, out);
  }

  private ApiKeys.KeyInfo key(String keyId) {
    if (keyId == null || keyId.length() > 40) {
      throw AdminException.notFound("key " + keyId);
    }
    return apiKeys.find(keyId).orElseThrow(() -> AdminException.notFound("key " + keyId));
  }

  private static Map<String, Object> keyView(ApiKeys.KeyInfo k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keyId", k.keyId());
    m.put("prefix", k.prefix());
    m.put("createdAt", Instant.ofEpochMilli(k.createdAt()).toString());
    m.put(
        "revokedAt", k.revokedAt() == null ? null : Instant.ofEpochMilli(k.revokedAt()).toString());
    return m;
  }

  private String modelIds() {
    return catalog.all().stream().map(ModelSpec::id).sorted().collect(Collectors.joining(", "));
  }

  /** Answers 404 for an account that does not exist, as the account endpoints do. */
  private void requireAccount(String accountId) {
    if (accountId == null || accountId.length() > 40 || wallet.account(accountId).isEmpty()) {
      throw AdminException.notFound("account " + accountId);
    }
  }
}
