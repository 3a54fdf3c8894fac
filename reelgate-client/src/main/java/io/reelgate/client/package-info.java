/**
 * The Reelgate Java client. Start with {@link io.reelgate.client.ReelgateClient#builder()}; its
 * services are {@link io.reelgate.client.ReelgateClient#apixo()} (the APIXO task API), {@link
 * io.reelgate.client.ReelgateClient#pixazo()} (the Pixazo Sora-video API) and {@link
 * io.reelgate.client.ReelgateClient#admin()} (the operator's API). Errors are unchecked subclasses
 * of {@link io.reelgate.client.ReelgateException}; webhooks are checked with {@link
 * io.reelgate.client.WebhookVerifier}.
 *
 * <p>Everything outside {@code io.reelgate.client.internal} is public API; that package may change
 * in any release.
 */
package io.reelgate.client;
