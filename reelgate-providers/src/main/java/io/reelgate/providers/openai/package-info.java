/**
 * The {@code openai-videos} protocol: OpenAI's Videos API shape at any compatible base URL, with
 * project webhooks signed the Standard Webhooks way.
 */
package io.reelgate.providers.openai;
