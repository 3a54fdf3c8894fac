package io.reelgate.server.api.upstream;

import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.UpstreamUpdate;
import io.reelgate.providers.WebhookReply;
import io.reelgate.providers.WebhookRequest;
import io.reelgate.server.jobs.UpstreamPoller;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where upstreams push job updates: {@code POST /upstream/v1/webhooks/{channelId}}. The channel's
 * adapter verifies and reads the request; an update that says the job ended moves its task at once
 * (polling remains the fallback). Answers: 200 when the update was taken or says nothing to act on
 * (including jobs this gateway does not know, so the upstream stops retrying), 401 when
 * verification fails, 200 with the adapter's own body for a verification handshake (MiniMax's
 * challenge), 404 for an unknown channel or one whose protocol has no webhooks, 400 for an
 * unreadable body, 413 for a body over 1 MiB.
 */
@RestController
public class UpstreamWebhookController {
  private static final Logger log = LoggerFactory.getLogger(UpstreamWebhookController.class);
  private static final int MAX_BYTES = 1024 * 1024;

  private final ChannelRouter router;
  private final TaskRepository tasks;
  private final UpstreamPoller poller;

  public UpstreamWebhookController(
      ChannelRouter router, TaskRepository tasks, UpstreamPoller poller) {
    this.router = router;
    this.tasks = tasks;
    this.poller = poller;
  }

  @PostMapping("/upstream/v1/webhooks/{channelId}")
  public ResponseEntity<?> receive(@PathVariable String channelId, HttpServletRequest http) {
    Optional<Channel> found = router.byId(channelId);
    if (found.isEmpty() || !found.get().provider().acceptsWebhooks()) {
      return answer(
          404,
          "unknown_channel",
          found.isEmpty()
              ? "no channel '" + channelId + "' is configured"
              : "channel '" + channelId + "' takes no webhooks");
    }
    Channel channel = found.get();
    byte[] body;
    try {
      body = read(http);
    } catch (IOException e) {
      return answer(400, "unreadable_body", "the body could not be read");
    }
    if (body == null) {
      return answer(413, "body_too_large", "the body must be at most 1 MiB");
    }
    WebhookRequest webhook = new WebhookRequest(headers(http), body);
    Optional<WebhookReply> handshake;
    try {
      handshake = channel.provider().webhookHandshake(webhook);
    } catch (RuntimeException e) {
      return answer(400, "invalid_body", "the update could not be read");
    }
    if (handshake.isPresent()) {
      // why: some upstreams (MiniMax) verify the address first and want their challenge echoed
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType(handshake.get().contentType()))
          .body(handshake.get().body());
    }
    Optional<UpstreamUpdate> update;
    try {
      update = channel.provider().parseWebhook(webhook);
    } catch (InvalidWebhookException e) {
      log.info("channel {}: rejected a webhook: {}", channelId, e.getMessage());
      return answer(401, "invalid_signature", e.getMessage());
    } catch (RuntimeException e) {
      log.info("channel {}: unreadable webhook: {}", channelId, e.getMessage());
      return answer(400, "invalid_body", "the update could not be read");
    }
    if (update.isEmpty()) {
      return answer(200, "ignored", "the event says nothing about a job's outcome");
    }
    UpstreamUpdate u = update.get();
    Optional<TaskRecord> task;
    try {
      task = tasks.findByUpstreamJob(channel.id(), u.upstreamJobId());
    } catch (RuntimeException e) {
      log.warn("channel {}: could not look up job {}", channelId, u.upstreamJobId(), e);
      return answer(503, "unavailable", "try again later");
    }
    if (task.isEmpty() || task.get().state().isTerminal()) {
      return answer(200, "ignored", "no unfinished task runs as this job");
    }
    poller.deliver(task.get().id(), u.result());
    return answer(200, "accepted", "task " + task.get().id() + " updated");
  }

  private static byte[] read(HttpServletRequest http) throws IOException {
    if (http.getContentLengthLong() > MAX_BYTES) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = http.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        if (out.size() > MAX_BYTES) {
          return null;
        }
      }
    }
    return out.toByteArray();
  }

  private static Map<String, List<String>> headers(HttpServletRequest http) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : Collections.list(http.getHeaderNames())) {
      out.put(name, new ArrayList<>(Collections.list(http.getHeaders(name))));
    }
    return out;
  }

  private static ResponseEntity<Map<String, Object>> answer(
      int status, String result, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", result);
    body.put("message", message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
