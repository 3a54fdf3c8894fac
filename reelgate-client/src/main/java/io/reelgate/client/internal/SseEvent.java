package io.reelgate.client.internal;

/** One server-sent event: its id (or null), its type (or null) and its data lines joined. */
public record SseEvent(String id, String event, String data) {}
