/**
 * The operator's API under {@code /admin/v1} (accounts, credits, ledger, keys, key limits,
 * channels), guarded by one token filter; errors are {@code {"error","message"}}.
 */
package io.reelgate.server.api.admin;
