package io.reelgate.server.moderation;

import io.reelgate.server.Ids;
import io.reelgate.server.access.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks prompts against the configured policies in turn (the built-in term list first, then the
 * moderation service when one is configured) and records every refusal in {@code
 * moderation_events}. Called before any credit is reserved.
 */
@Component
@EnableConfigurationProperties(ModerationSettings.class)
public class Moderation {
  private static final Logger log = LoggerFactory.getLogger(Moderation.class);
  static final int EXCERPT_LENGTH = 200;

  private final List<ContentPolicy> policies;
  private final boolean failOpen;
  private final JdbcClient jdbc;
  private final Clock clock;

  @Autowired
  public Moderation(ModerationSettings settings, JdbcClient jdbc, Clock clock) {
    this(policiesOf(settings), settings.openai().failOpen(), jdbc, clock);
  }

  Moderation(List<ContentPolicy> policies, boolean failOpen, JdbcClient jdbc, Clock clock) {
    this.policies = List.copyOf(policies);
    this.failOpen = failOpen;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  private static List<ContentPolicy> policiesOf(ModerationSettings settings) {
    List<ContentPolicy> out = new ArrayList<>();
    if (!settings.enabled()) {
      return out;
    }
    out.add(new TermListPolicy(settings.terms(), settings.patterns()));
    if (!settings.openai().baseUrl().isBlank()) {
      out.add(new OpenAiModerationPolicy(settings.openai()));
    }
    return out;
  }

  /**
   * @throws ContentViolationException when a policy refuses the prompt (the refusal is recorded)
   * @throws ModerationUnavailableException when a policy cannot decide and failing open is off
   */
  public void check(Caller caller, String dialect, String model, String prompt) {
    for (ContentPolicy policy : policies) {
      Optional<String> violation;
      try {
        violation = policy.violation(prompt);
      } catch (ModerationUnavailableException e) {
        if (failOpen) {
          log.warn("moderation policy {} unavailable, prompt accepted: {}", policy.name(), e);
          continue;
        }
        log.warn("moderation policy {} unavailable, request refused: {}", policy.name(), e);
        throw e;
      }
      if (violation.isPresent()) {
        record(caller, dialect, model, policy.name(), violation.get(), prompt);
        throw new ContentViolationException(violation.get());
      }
    }
  }

  /** A refused prompt as shown to the operator: its excerpt and hash, never more of it. */
  public record Event(
      String id,
      String accountId,
      String keyId,
      String dialect,
      String model,
      String policy,
      String reason,
      String promptSha256,
      String promptExcerpt,
      long createdAt) {}

  /**
   * Recorded refusals with an id below {@code beforeId} (null: from the newest), of one account or
   * of all when {@code accountId} is null, newest first, at most {@code limit}.
   */
  public List<Event> events(String accountId, String beforeId, int limit) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (accountId != null) {
      where.append(" AND account_id = ?");
      params.add(accountId);
    }
    if (beforeId != null) {
      where.append(" AND id < ?");
      params.add(beforeId);
    }
    return jdbc.sql(
            "SELECT id, account_id, key_id, dialect, model, policy, reason, prompt_sha256,"
                + " prompt_excerpt, created_at FROM moderation_events"
                + where
                + " ORDER BY id DESC FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .params(params)
        .query(
            (rs, n) ->
                new Event(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getLong(10)))
        .list();
  }

  private void record(
      Caller caller, String dialect, String model, String policy, String reason, String prompt) {
    String id = Ids.timeOrdered("mod_", clock.millis());
    String excerpt =
        prompt.length() <= EXCERPT_LENGTH
            ? prompt
            : prompt.substring(
                0,
                Character.isHighSurrogate(prompt.charAt(EXCERPT_LENGTH - 1))
                    ? EXCERPT_LENGTH - 1
                    : EXCERPT_LENGTH);
    jdbc.sql(
            "INSERT INTO moderation_events (id, account_id, key_id, dialect, model, policy,"
                + " reason, prompt_sha256, prompt_excerpt, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            caller.accountId(),
            caller.keyId(),
            dialect,
            model,
            policy,
            reason.length() > 500 ? reason.substring(0, 500) : reason,
            sha256(prompt),
            excerpt,
            clock.millis())
        .update();
    log.info(
        "prompt refused by moderation ({}): account {} key {} model {}: {}",
        id,
        caller.accountId(),
        caller.keyId(),
        model,
        reason);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
