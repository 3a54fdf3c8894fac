package io.reelgate.client.apixo;

import java.util.List;

/**
 * A webhook of a task with every attempt to send it.
 *
 * @param webhookId the delivery id, sent as {@code webhook-id} on every attempt
 * @param url where it is sent
 * @param state e.g. {@code PENDING}, {@code DELIVERED}, {@code FAILED}
 * @param attemptCount attempts so far
 * @param nextAttemptTime when the next attempt is due (Unix ms), or null
 * @param createTime when it was created (Unix ms)
 * @param deliveredTime when a receiver acknowledged it (Unix ms), or null
 * @param attempts the attempts, oldest first
 */
public record WebhookDelivery(
    String webhookId,
    String url,
    String state,
    Integer attemptCount,
    Long nextAttemptTime,
    Long createTime,
    Long deliveredTime,
    List<Attempt> attempts) {

  /**
   * One attempt.
   *
   * @param attempt its number, from 1
   * @param time when it was made (Unix ms)
   * @param statusCode the receiver's HTTP status, or null when there was none
   * @param latencyMs how long it took
   * @param error what went wrong, or null
   */
  public record Attempt(
      Integer attempt, Long time, Integer statusCode, Long latencyMs, String error) {}
}
