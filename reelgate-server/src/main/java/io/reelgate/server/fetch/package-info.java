/**
 * The one guarded HTTP client for URLs users give (input images, callbacks): checked addresses
 * only, pinned connections, size and time limits; and input-image fetching with header checks.
 */
package io.reelgate.server.fetch;
