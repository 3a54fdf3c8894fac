/** The outbox tables. */
package io.reelgate.server.webhook.internal;
