package io.reelgate.client.apixo;

import io.reelgate.client.ReelgateException;
import io.reelgate.client.RequestOptions;
import io.reelgate.client.WaitOptions;
import io.reelgate.client.internal.Json;
import io.reelgate.client.internal.TaskWaiter;
import io.reelgate.client.internal.Transport;
import io.reelgate.client.internal.Transport.Auth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The APIXO task API ({@code Authorization: Bearer <api key>}): submit, read, cancel and price
 * tasks, list the catalog and the caller's tasks, wait for a task, and manage task webhooks. Get it
 * from {@link io.reelgate.client.ReelgateClient#apixo()}; it is thread-safe.
 */
public final class ApixoService {
  private final Transport transport;

  /**
   * Used by {@link io.reelgate.client.ReelgateClient}.
   *
   * @param transport the client's transport
   */
  public ApixoService(Transport transport) {
    this.transport = transport;
  }

  /**
   * Submits a task ({@code POST /api/v1/generateTask/{model}}) with a fresh {@code
   * Idempotency-Key}, which every retry of this call repeats, so the call creates at most one task.
   *
   * @param model a model id or alias, e.g. {@code sora-2}
   * @param params the request
   * @return the task's reference
   */
  public TaskRef generate(String model, GenerateParams params) {
    return generate(model, params, RequestOptions.none());
  }

  /**
   * Submits a task with per-call options (your own idempotency key, retries, timeout).
   *
   * @param model a model id or alias
   * @param params the request
   * @param options per-call overrides
   * @return the task's reference
   */
  public TaskRef generate(String model, GenerateParams params, RequestOptions options) {
    Objects.requireNonNull(params, "params");
    JsonNode answer =
        apply(
                transport.call("POST", "/api/v1/generateTask/" + seg(model), Auth.BEARER_KEY),
                options)
            .idempotencyKey(options.idempotencyKey())
            .json(params.toBody())
            .send()
            .json();
    String taskId = Json.text(data(answer), "taskId");
    if (taskId == null) {
      throw new ReelgateException("generateTask answered without a taskId: " + answer);
    }
    return new TaskRef(model, taskId);
  }

  /**
   * Reads a task's status ({@code GET /api/v1/statusTask/{model}?taskId=}); any task of the
   * caller's account is found, whichever dialect made it.
   *
   * @param model a model id (used in the path)
   * @param taskId the task's id
   */
  public TaskStatus status(String model, String taskId) {
    JsonNode answer =
        transport
            .call("GET", "/api/v1/statusTask/" + seg(model), Auth.BEARER_KEY)
            .query("taskId", Objects.requireNonNull(taskId, "taskId"))
            .send()
            .json();
    return TaskStatus.fromJson(data(answer));
  }

  /** Reads the status of a submitted task. */
  public TaskStatus status(TaskRef task) {
    return status(task.model(), task.taskId());
  }

  /**
   * Cancels a queued or running task ({@code POST /api/v1/cancelTask/{model}}); it becomes failed
   * with {@code CANCELLED} and its credits are released. A finished task is a {@link
   * io.reelgate.client.ConflictException}.
   *
   * @return the task's status after the cancel
   */
  public TaskStatus cancel(String model, String taskId) {
    JsonNode answer =
        transport
            .call("POST", "/api/v1/cancelTask/" + seg(model), Auth.BEARER_KEY)
            .query("taskId", Objects.requireNonNull(taskId, "taskId"))
            .send()
            .json();
    return TaskStatus.fromJson(data(answer));
  }

  /** Cancels a submitted task. */
  public TaskStatus cancel(TaskRef task) {
    return cancel(task.model(), task.taskId());
  }

  /**
   * Prices a request without creating anything ({@code POST /api/v1/estimate/{model}}); the request
   * is checked as a submission would be.
   */
  public Estimate estimate(String model, GenerateParams params) {
    JsonNode answer =
        transport
            .call("POST", "/api/v1/estimate/" + seg(model), Auth.BEARER_KEY)
            .json(params.toBody())
            .send()
            .json();
    JsonNode data = data(answer);
    Map<String, Object> request =
        data.path("request").isObject()
            ? Json.MAPPER.convertValue(
                data.get("request"), new TypeReference<Map<String, Object>>() {})
            : Map.of();
    return new Estimate(data.path("credits").asLong(), Collections.unmodifiableMap(request));
  }

  /** The catalog ({@code GET /api/v1/models}): every public model with its rules and prices. */
  public List<ModelInfo> models() {
    JsonNode answer = transport.call("GET", "/api/v1/models", Auth.BEARER_KEY).send().json();
    return Json.MAPPER.convertValue(
        data(answer).path("models"), new TypeReference<List<ModelInfo>>() {});
  }

  /** One page of the caller's tasks, newest first ({@code GET /api/v1/tasks}). */
  public TaskPage tasks(TaskListParams params) {
    TaskListParams p = params == null ? TaskListParams.builder().build() : params;
    JsonNode answer =
        transport
            .call("GET", "/api/v1/tasks", Auth.BEARER_KEY)
            .query("state", p.state() == null ? null : p.state().wireValue())
            .query("model", p.model())
            .query("since", p.since() == null ? null : p.since().toEpochMilli())
            .query("limit", p.limit())
            .query("cursor", p.cursor())
            .send()
            .json();
    JsonNode data = data(answer);
    List<TaskStatus> tasks = new ArrayList<>();
    for (JsonNode t : data.path("tasks")) {
      tasks.add(TaskStatus.fromJson(t));
    }
    return new TaskPage(Collections.unmodifiableList(tasks), Json.text(data, "nextCursor"));
  }

  /** The webhook deliveries of a task with every attempt. */
  public List<WebhookDelivery> webhooks(String taskId) {
    JsonNode answer =
        transport
            .call("GET", "/api/v1/tasks/" + seg(taskId) + "/webhooks", Auth.BEARER_KEY)
            .send()
            .json();
    return Json.MAPPER.convertValue(
        data(answer).path("deliveries"), new TypeReference<List<WebhookDelivery>>() {});
  }

  /**
   * Sends a task's webhook again, with the same {@code webhook-id}. A delivery that is being
   * attempted right now is a {@link io.reelgate.client.ConflictException}.
   *
   * @return the delivery as it is after scheduling the new attempt
   */
  public WebhookDelivery redeliver(String taskId, String webhookId) {
    JsonNode answer =
        transport
            .call(
                "POST",
                "/api/v1/tasks/" + seg(taskId) + "/webhooks/" + seg(webhookId) + "/redeliver",
                Auth.BEARER_KEY)
            .send()
            .json();
    return Json.MAPPER.convertValue(data(answer), WebhookDelivery.class);
  }

  /**
   * The signing secret of the caller's account ({@code whsec_…}), for {@link
   * io.reelgate.client.WebhookVerifier}.
   */
  public String webhookSecret() {
    JsonNode answer =
        transport.call("GET", "/api/v1/webhooks/secret", Auth.BEARER_KEY).send().json();
    return Json.text(data(answer), "secret");
  }

  /**
   * Waits with the default options until the task is final; see {@link #waitFor(TaskRef,
   * WaitOptions, Consumer)}.
   */
  public TaskStatus waitFor(TaskRef task) {
    return waitFor(task, WaitOptions.defaults(), null);
  }

  /**
   * Waits until the task is final, following its event stream and falling back to polling with
   * backoff. A failed task is returned, not thrown: check {@link TaskStatus#isSuccess()}.
   *
   * @param task the task
   * @param options timeout and polling settings
   * @param onUpdate called on the calling thread with each new status, or null
   * @return the final status
   * @throws io.reelgate.client.WaitTimeoutException when the timeout passes first
   */
  public TaskStatus waitFor(TaskRef task, WaitOptions options, Consumer<TaskStatus> onUpdate) {
    return new TaskWaiter<>(transport, new Dialect(task), options, onUpdate).await();
  }

  private final class Dialect implements TaskWaiter.Dialect<TaskStatus> {
    private final TaskRef task;

    Dialect(TaskRef task) {
      this.task = task;
    }

    @Override
    public String taskId() {
      return task.taskId();
    }

    @Override
    public TaskStatus fromEvent(String data) {
      JsonNode json = Json.parseOrNull(data);
      if (json == null
          || !json.path("data").isObject()
          || json.path("data").get("taskId") == null) {
        return null; // another dialect's task: its event only says that something changed
      }
      return TaskStatus.fromJson(json.get("data"));
    }

    @Override
    public TaskStatus poll() {
      return status(task);
    }

    @Override
    public boolean isFinal(TaskStatus status) {
      return status.isFinal();
    }
  }

  private static Transport.Call apply(Transport.Call call, RequestOptions options) {
    return call.maxRetries(options.maxRetries()).timeout(options.timeout());
  }

  private static JsonNode data(JsonNode envelope) {
    JsonNode data = envelope.get("data");
    if (data == null || !data.isObject()) {
      throw new ReelgateException("the answer has no data object: " + envelope);
    }
    return data;
  }

  private static String seg(String value) {
    return Transport.encode(Objects.requireNonNull(value, "path segment"));
  }
}
