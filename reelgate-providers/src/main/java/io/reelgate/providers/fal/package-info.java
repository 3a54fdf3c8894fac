/**
 * The {@code fal} protocol: fal's queue API, with {@code fal_webhook} pushes verified by Ed25519
 * against configured public keys.
 */
package io.reelgate.providers.fal;
