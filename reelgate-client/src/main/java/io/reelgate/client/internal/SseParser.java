package io.reelgate.client.internal;

import java.util.function.Consumer;

/**
 * Reads the text/event-stream format line by line (WHATWG HTML, "Server-sent events"): {@code
 * data:} lines are joined with newlines, {@code id:} and {@code event:} set the event's fields, a
 * line starting with a colon is a comment, and an empty line dispatches the event.
 */
public final class SseParser {
  private final Consumer<SseEvent> sink;
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String id;
  private String event;

  public SseParser(Consumer<SseEvent> sink) {
    this.sink = sink;
  }

  /** Feeds one line, without its line terminator. */
  public void line(String line) {
    if (line.isEmpty()) {
      if (hasData) {
        sink.accept(new SseEvent(id, event, data.toString()));
      }
      data.setLength(0);
      hasData = false;
      event = null;
      return;
    }
    if (line.charAt(0) == ':') {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data":
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
        break;
      case "id":
        if (value.indexOf('\0') < 0) {
          id = value;
        }
        break;
      case "event":
        event = value;
        break;
      default:
        // retry and unknown fields are ignored
        break;
    }
  }
}
