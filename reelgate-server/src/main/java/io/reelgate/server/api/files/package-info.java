/** Stored results at their signed, expiring URLs, with {@code Range} support. */
package io.reelgate.server.api.files;
