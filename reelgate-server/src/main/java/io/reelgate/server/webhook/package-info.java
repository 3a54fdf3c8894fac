/**
 * Task webhooks: the outbox written in the transaction that finishes a task, Standard Webhooks
 * signing, and delivery with retries as durable jobs; {@link
 * io.reelgate.server.webhook.WebhookDeliveries} lists deliveries and attempts. Each dialect
 * provides its payload through {@link io.reelgate.server.webhook.WebhookPayloads}.
 */
package io.reelgate.server.webhook;
