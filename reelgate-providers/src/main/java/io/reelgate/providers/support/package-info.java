/**
 * Small pieces several HTTP adapters share: Standard Webhooks verification, input image references
 * and frame-size names.
 */
package io.reelgate.providers.support;
