/**
 * API keys and account webhook secrets: keys are random, shown once and stored as hashes; {@link
 * io.reelgate.server.access.ApiKeys} authenticates a raw key to a {@link
 * io.reelgate.server.access.Caller} (account and key).
 */
package io.reelgate.server.access;
