package io.reelgate.server.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Live status over server-sent events, read line by line from a real connection: a task's stream
 * ends after the success state, resuming with the final event's id gets nothing stale, another
 * account's task is not found, and the key-wide stream carries every task of the account.
 */
class TaskEventsIT extends ServerTest {
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Autowired Wallet wallet;
  @Autowired ApiKeys apiKeys;
  @Autowired TransactionTemplate tx;

  @Test
  void aTaskStreamEndsWithTheSuccessStateAndResumesWithoutStaleEvents() throws Exception {
    String taskId = submit(API_KEY, "a lighthouse at dawn");
    try (Events stream = Events.open(base() + "/api/v1/tasks/" + taskId + "/events", API_KEY)) {
      assertThat(stream.status).isEqualTo(200);
      assertThat(stream.contentType).startsWith("text/event-stream");
      List<Event> events = stream.untilEnd(Duration.ofSeconds(60));
      assertThat(events).isNotEmpty();
      int previous = -1;
      for (Event e : events) {
        assertThat(e.id()).startsWith(taskId + ":");
        int version = Integer.parseInt(e.id().substring(taskId.length() + 1));
        assertThat(version).isGreaterThan(previous);
        previous = version;
        assertThat(e.json().get("data").get("taskId").stringValue()).isEqualTo(taskId);
      }
      Event last = events.getLast();
      assertThat(last.json().get("code").intValue()).isEqualTo(200);
      assertThat(last.json().get("data").get("state").stringValue()).isEqualTo("success");
      assertThat(last.json().get("data").get("resultJson").stringValue()).contains("resultUrls");

      // reconnecting with the final event's id: nothing stale, and no reason to reconnect again
      try (Events again =
          Events.open(
              base() + "/api/v1/tasks/" + taskId + "/events",
              API_KEY,
              "Last-Event-ID",
              last.id())) {
        assertThat(again.status).isEqualTo(204);
        assertThat(again.untilEnd(Duration.ofSeconds(5))).isEmpty();
      }
      // reconnecting with an older id: the current (final) state at once, then the end
      String older = taskId + ":" + (previous - 1);
      try (Events resumed =
          Events.open(
              base() + "/api/v1/tasks/" + taskId + "/events", API_KEY, "Last-Event-ID", older)) {
        List<Event> caughtUp = resumed.untilEnd(Duration.ofSeconds(5));
        assertThat(caughtUp).extracting(Event::id).containsExactly(last.id());
      }
    }
  }

  @Test
  void anotherAccountsTaskIsNotFound() throws Exception {
    String taskId = submit(API_KEY, "not yours");
    String otherKey = newAccount("events-other");
    Http.Response r =
        Http.send(
            "GET",
            base() + "/api/v1/tasks/" + taskId + "/events",
            null,
            "Authorization",
            "Bearer " + otherKey,
            "Accept",
            "text/event-stream");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("code").intValue()).isEqualTo(404);
    assertThat(r.json().get("message").stringValue()).isEqualTo("Task not found");
    assertThat(
            Http.send(
                    "GET",
                    base() + "/api/v1/tasks/task_unknown/events",
                    null,
                    "Authorization",
                    "Bearer " + API_KEY)
                .status())
        .isEqualTo(404);
    assertThat(Http.send("GET", base() + "/api/v1/events", null).status()).isEqualTo(401);
  }

  @Test
  void theKeyWideStreamCarriesEveryTaskOfTheAccount() throws Exception {
    String key = newAccount("events-wide");
    try (Events stream = Events.open(base() + "/api/v1/events", key)) {
      assertThat(stream.status).isEqualTo(200);
      String first = submit(key, "a red kite");
      String second = submit(key, "a blue kite");
      Map<String, String> states = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!("success".equals(states.get(first)) && "success".equals(states.get(second)))) {
        Event e = stream.next(deadline);
        assertThat(e).as("events so far: %s", states).isNotNull();
        String taskId = e.json().get("data").get("taskId").stringValue();
        assertThat(e.id()).startsWith(taskId + ":");
        assertThat(taskId).isIn(first, second);
        states.put(taskId, e.json().get("data").get("state").stringValue());
      }
      // the key-wide stream stays open after its tasks finished
      assertThat(stream.ended()).isFalse();
    }
  }

  private String newAccount(String name) {
    String key = ApiKeys.generate();
    tx.executeWithoutResult(s -> apiKeys.register(wallet.createAccount(name, 100_000), key));
    return key;
  }

  private String submit(String key, String prompt) {
    Http.Response r =
        Http.send(
            "POST",
            base() + "/api/v1/generateTask/sora-2",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"%s\", \"duration\": 4}}"
                .formatted(prompt),
            "Authorization",
            "Bearer " + key,
            "Content-Type",
            "application/json");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("data").get("taskId").stringValue();
  }

  /** One server-sent event. */
  record Event(String id, String data) {
    JsonNode json() {
      return Http.JSON.readTree(data);
    }
  }

  /** A {@code text/event-stream} response, parsed line by line on a thread of its own. */
  static final class Events implements AutoCloseable {
    private static final Event END = new Event(null, null);
    final int status;
    final String contentType;
    private final InputStream body;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private Events(HttpResponse<InputStream> response) {
      this.status = response.statusCode();
      this.contentType = response.headers().firstValue("Content-Type").orElse("");
      this.body = response.body();
      Thread.ofVirtual().start(this::read);
    }

    static Events open(String url, String key, String... headers) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + key)
              .header("Accept", "text/event-stream");
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return new Events(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private void read() {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String id = null;
        StringBuilder data = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.isEmpty()) {
            if (data != null) {
              queue.add(new Event(id, data.toString()));
            }
            id = null;
            data = null;
          } else if (line.startsWith("id:")) {
            id = line.substring(3).strip();
          } else if (line.startsWith("data:")) {
            String value = line.substring(5);
            value = value.startsWith(" ") ? value.substring(1) : value;
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          }
        }
      } catch (Exception closed) {
        // the test closed the stream
      } finally {
        ended = true;
        queue.add(END);
      }
    }

    /** The next event, or null when the stream ended or the deadline passed. */
    Event next(long deadlineNanos) throws InterruptedException {
      Event e = queue.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return e == null || e == END ? null : e;
    }

    /** Every event until the server ends the stream; fails when it does not end in time. */
    List<Event> untilEnd(Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      List<Event> events = new ArrayList<>();
      while (true) {
        Event e = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (e == END) {
          return events;
        }
        assertThat(e).as("the stream to end; got %s", events).isNotNull();
        events.add(e);
      }
    }

    boolean ended() {
      return ended;
    }

    @Override
    public void close() throws Exception {
      body.close();
    }
  }
}
