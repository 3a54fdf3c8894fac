/**
 * The {@code openrouter} protocol: OpenRouter's asynchronous video API, with completion callbacks
 * signed by the workspace's signing secret.
 */
package io.reelgate.providers.openrouter;
