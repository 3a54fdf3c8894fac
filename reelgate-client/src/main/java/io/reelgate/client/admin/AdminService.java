package io.reelgate.client.admin;

import io.reelgate.client.internal.Json;
import io.reelgate.client.internal.Transport;
import io.reelgate.client.internal.Transport.Auth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The operator's API: accounts, credits, the ledger, API keys, per-key limits and channels. Needs
 * the admin token ({@link io.reelgate.client.ReelgateClient.Builder#adminToken(String)}). Get it
 * from {@link io.reelgate.client.ReelgateClient#admin()}; it is thread-safe.
 */
public final class AdminService {
  private final Transport transport;

  /**
   * Used by {@link io.reelgate.client.ReelgateClient}.
   *
   * @param transport the client's transport
   */
  public AdminService(Transport transport) {
    this.transport = transport;
  }

  /**
   * Creates an account with a first API key ({@code POST /admin/v1/accounts}).
   *
   * @param name its name (1–200 characters)
   * @param credits its starting credits (0 or more)
   */
  public CreatedAccount createAccount(String name, long credits) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", Objects.requireNonNull(name, "name"));
    body.put("credits", credits);
    return Json.MAPPER.convertValue(
        transport.call("POST", "/admin/v1/accounts", Auth.ADMIN).json(body).send().json(),
        CreatedAccount.class);
  }

  /** An account's wallet ({@code GET /admin/v1/accounts/{id}}). */
  public Account account(String accountId) {
    return Json.MAPPER.convertValue(
        transport.call("GET", "/admin/v1/accounts/" + seg(accountId), Auth.ADMIN).send().json(),
        Account.class);
  }

  /**
   * Grants (positive) or deducts (negative) credits ({@code POST /admin/v1/accounts/{id}/credits});
   * a deduction below zero is an {@link io.reelgate.client.InsufficientCreditsException}.
   *
   * @param accountId the account
   * @param amount a non-zero number of credits
   * @param note why, or null
   * @return the account afterwards
   */
  public Account adjustCredits(String accountId, long amount, String note) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", amount);
    if (note != null) {
      body.put("note", note);
    }
    return Json.MAPPER.convertValue(
        transport
            .call("POST", "/admin/v1/accounts/" + seg(accountId) + "/credits", Auth.ADMIN)
            .json(body)
            .send()
            .json(),
        Account.class);
  }

  /**
   * Ledger entries, newest first ({@code GET /admin/v1/accounts/{id}/ledger}).
   *
   * @param accountId the account
   * @param limit entries per page (1–1000), or null for 100
   * @param before only entries with a smaller id (see {@link LedgerPage#nextBefore()}), or null
   */
  public LedgerPage ledger(String accountId, Integer limit, Long before) {
    return Json.MAPPER.convertValue(
        transport
            .call("GET", "/admin/v1/accounts/" + seg(accountId) + "/ledger", Auth.ADMIN)
            .query("limit", limit)
            .query("before", before)
            .send()
            .json(),
        LedgerPage.class);
  }

  /** Creates another API key for an account ({@code POST /admin/v1/accounts/{id}/keys}). */
  public CreatedKey createKey(String accountId) {
    return Json.MAPPER.convertValue(
        transport
            .call("POST", "/admin/v1/accounts/" + seg(accountId) + "/keys", Auth.ADMIN)
            .send()
            .json(),
        CreatedKey.class);
  }

  /** An account's keys ({@code GET /admin/v1/accounts/{id}/keys}). */
  public List<ApiKeyInfo> keys(String accountId) {
    JsonNode answer =
        transport
            .call("GET", "/admin/v1/accounts/" + seg(accountId) + "/keys", Auth.ADMIN)
            .send()
            .json();
    return Json.MAPPER.convertValue(answer.path("keys"), new TypeReference<List<ApiKeyInfo>>() {});
  }

  /** Revokes a key at once ({@code DELETE /admin/v1/keys/{keyId}}). */
  public void revokeKey(String keyId) {
    transport.call("DELETE", "/admin/v1/keys/" + seg(keyId), Auth.ADMIN).send();
  }

  /** Sets a key's limits for one model ({@code PUT /admin/v1/keys/{keyId}/limits}). */
  public KeyLimits setKeyLimits(String keyId, KeyLimitParams params) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", params.model());
    body.put("requestsPerMinute", params.requestsPerMinute());
    body.put("concurrentTasks", params.concurrentTasks());
    return Json.MAPPER.convertValue(
        transport
            .call("PUT", "/admin/v1/keys/" + seg(keyId) + "/limits", Auth.ADMIN)
            .json(body)
            .send()
            .json(),
        KeyLimits.class);
  }

  /** A key's limits for every model ({@code GET /admin/v1/keys/{keyId}/limits}). */
  public KeyLimits keyLimits(String keyId) {
    return Json.MAPPER.convertValue(
        transport.call("GET", "/admin/v1/keys/" + seg(keyId) + "/limits", Auth.ADMIN).send().json(),
        KeyLimits.class);
  }

  /** Every channel with its health ({@code GET /admin/v1/channels}). */
  public List<ChannelInfo> channels() {
    JsonNode answer = transport.call("GET", "/admin/v1/channels", Auth.ADMIN).send().json();
    return Json.MAPPER.convertValue(
        answer.path("channels"), new TypeReference<List<ChannelInfo>>() {});
  }

  private static String seg(String value) {
    return Transport.encode(Objects.requireNonNull(value, "path segment"));
  }
}
