/**
 * Transport, JSON, event-stream reading and waiting: implementation details of the client, not API.
 * Nothing here is meant to be used directly; it may change in any release.
 */
package io.reelgate.client.internal;
