/**
 * What exists after start-up: the bootstrap account and key of the embedded default, and the public
 * base URL handed to clients.
 */
package io.reelgate.server.bootstrap;
