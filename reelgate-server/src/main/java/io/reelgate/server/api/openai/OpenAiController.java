package io.reelgate.server.api.openai;

import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.RequestField;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.Ids;
import io.reelgate.server.access.Caller;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.IdempotencyKeyHeader;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.api.common.ParsedRequest;
import io.reelgate.server.api.common.StoredFiles;
import io.reelgate.server.catalog.ModelAliases;
import io.reelgate.server.storage.ResultFiles;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Videos API under {@code /v1}: code written for it works against Reelgate by changing the
 * base URL and the key. Every task of the caller's account can be read here, whichever dialect made
 * it; ids minted here are {@code video_…}.
 */
@RestController
public class OpenAiController {
  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 100;

  private final TaskService tasks;
  private final TaskQueries queries;
  private final OpenAiDialect dialect;
  private final JsonBodies bodies;
  private final ResultFiles results;
  private final ModelCatalog catalog;
  private final ModelAliases aliases;
  private final Clock clock;

  public OpenAiController(
      TaskService tasks,
      TaskQueries queries,
      OpenAiDialect dialect,
      JsonBodies bodies,
      ResultFiles results,
      ModelCatalog catalog,
      ModelAliases aliases,
      Clock clock) {
    this.tasks = tasks;
    this.queries = queries;
    this.dialect = dialect;
    this.bodies = bodies;
    this.results = results;
    this.catalog = catalog;
    this.aliases = aliases;
    this.clock = clock;
  }

  @PostMapping("/v1/videos")
  public OpenAiBodies.Video create(
      Caller caller,
      @RequestHeader(name = OpenAiRequests.WEBHOOK_HEADER, required = false) String webhook,
      @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey,
      HttpServletRequest http) {
    String key = IdempotencyKeyHeader.check(idempotencyKey);
    JsonNode body = read(http);
    ModelSpec spec = tasks.modelForNewTask(OpenAiRequests.model(body));
    ParsedRequest parsed = dialect.parse(new OpenAiDialect.Submission(spec, body, webhook));
    return dialect.status(submit(caller, parsed, key));
  }

  @PostMapping("/v1/videos/{videoId}/remix")
  public OpenAiBodies.Video remix(
      @PathVariable String videoId,
      Caller caller,
      @RequestHeader(name = OpenAiRequests.WEBHOOK_HEADER, required = false) String webhook,
      @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey,
      HttpServletRequest http) {
    String key = IdempotencyKeyHeader.check(idempotencyKey);
    TaskRecord original = tasks.find(caller.accountId(), videoId);
    if (original.state() != TaskState.SUCCEEDED) {
      throw OpenAiException.invalid(
          null,
          "video_not_ready",
          "Only a completed video can be remixed; this one is "
              + OpenAiVideoStates.statusOf(original.state()));
    }
    JsonNode body = read(http);
    ModelSpec spec = tasks.modelForNewTask(original.model());
    ParsedRequest parsed =
        OpenAiRequests.remix(spec, original.request(), original.id(), body, webhook);
    return dialect.status(submit(caller, parsed, key));
  }

  @GetMapping("/v1/videos/{videoId}")
  public ResponseEntity<OpenAiBodies.Video> retrieve(@PathVariable String videoId, Caller caller) {
    TaskRecord task = tasks.find(caller.accountId(), videoId);
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
    if (!task.state().isTerminal()) {
      // why: the SDKs' poll helpers wait this long between reads
      answer.header("openai-poll-after-ms", "1000");
    }
    return answer.body(dialect.status(task));
  }

  @GetMapping("/v1/videos")
  public OpenAiBodies.VideoList list(
      Caller caller,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "after", required = false) String after,
      @RequestParam(name = "order", required = false) String order) {
    int size = DEFAULT_PAGE;
    if (limit != null && !limit.isBlank()) {
      try {
        size = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1 || size > MAX_PAGE) {
        throw OpenAiException.invalid(
            "limit", null, "limit must be an integer from 1 to " + MAX_PAGE);
      }
    }
    boolean ascending;
    if (order == null || order.isBlank() || order.trim().equals("desc")) {
      ascending = false;
    } else if (order.trim().equals("asc")) {
      ascending = true;
    } else {
      throw OpenAiException.invalid("order", null, "order must be asc or desc");
    }
    TaskQueries.Position position = null;
    if (after != null && !after.isBlank()) {
      TaskRecord last =
          queries
              .findOwned(caller.accountId(), after.trim())
              .orElseThrow(
                  () ->
                      OpenAiException.invalid(
                          "after", null, "after must be the id of a video of this API key"));
      position = new TaskQueries.Position(last.createdAt(), last.id());
    }
    List<TaskRecord> page =
        queries.page(caller.accountId(), TaskQueries.Filter.none(), position, ascending, size + 1);
    List<OpenAiBodies.Video> data = new ArrayList<>();
    for (TaskRecord task : page.subList(0, Math.min(size, page.size()))) {
      data.add(dialect.status(task));
    }
    return new OpenAiBodies.VideoList(
        "list",
        data,
        data.isEmpty() ? null : data.get(0).id(),
        data.isEmpty() ? null : data.get(data.size() - 1).id(),
        page.size() > size);
  }

  /**
   * The video ({@code variant=video}, the default; {@code Range} requests are answered with 206, or
   * 416 when unsatisfiable) or its poster ({@code thumbnail}). Reelgate makes no sprite sheets:
   * {@code spritesheet} is a 404.
   */
  @GetMapping("/v1/videos/{videoId}/content")
  public ResponseEntity<Resource> content(
      @PathVariable String videoId,
      Caller caller,
      @RequestParam(name = "variant", required = false) String variant,
      @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
    TaskRecord task = tasks.find(caller.accountId(), videoId);
    String which = variant == null || variant.isBlank() ? "video" : variant.trim();
    if (!List.of("video", "thumbnail", "spritesheet").contains(which)) {
      throw OpenAiException.invalid(
          "variant", null, "variant must be one of video, thumbnail, spritesheet");
    }
    if (task.state() != TaskState.SUCCEEDED) {
      throw OpenAiException.invalid(
          null,
          "video_not_ready",
          "The video is not ready: its status is "
              + OpenAiVideoStates.statusOf(task.state())
              + "; download it once it is completed");
    }
    if (task.resultExpiredAt() != null && !which.equals("spritesheet")) {
      throw new OpenAiException(
          410,
          OpenAiDialect.INVALID_REQUEST,
          null,
          "video_expired",
          "The video's files were deleted when it expired (see expires_at)");
    }
    String key =
        switch (which) {
          case "video" -> task.resultKey();
          case "thumbnail" -> task.posterKey();
          default -> null;
        };
    Resource file = key == null ? null : results.find(key).orElse(null);
    if (file == null) {
      throw new OpenAiException(
          404,
          OpenAiDialect.INVALID_REQUEST,
          "variant",
          which + "_not_available",
          "This video has no "
              + which
              + (which.equals("spritesheet") ? "; Reelgate makes none" : ""));
    }
    return StoredFiles.answer(file, key, range);
  }

  /**
   * Deletes a video and its files: it is not found any more, through any dialect. A queued or
   * running task is cancelled first (its credits are released); one that is storing its video
   * answers 409 with {@code Retry-After: 1}.
   */
  @DeleteMapping("/v1/videos/{videoId}")
  public OpenAiBodies.Deleted delete(@PathVariable String videoId, Caller caller) {
    TaskRecord task = tasks.delete(caller.accountId(), videoId);
    results.deleteAll(task.id());
    return new OpenAiBodies.Deleted(task.id(), "video.deleted", true);
  }

  @GetMapping("/v1/models")
  public OpenAiBodies.ModelList models(Caller caller) {
    List<OpenAiBodies.Model> data = new ArrayList<>();
    for (String id : modelNames()) {
      data.add(new OpenAiBodies.Model(id, "model", 0, "reelgate"));
    }
    return new OpenAiBodies.ModelList("list", data);
  }

  @GetMapping("/v1/models/{model}")
  public OpenAiBodies.Model model(@PathVariable String model, Caller caller) {
    if (!modelNames().contains(model)) {
      throw new io.reelgate.server.task.ModelNotFoundException(model);
    }
    return new OpenAiBodies.Model(model, "model", 0, "reelgate");
  }

  /** The models that take new tasks and the aliases that point at them, by name. */
  private List<String> modelNames() {
    List<String> names = new ArrayList<>();
    for (ModelSpec spec : catalog.all()) {
      if (aliases.resolve(spec.id()).equals(spec.id()) && !spec.retiredAt(clock.instant())) {
        names.add(spec.id());
      }
    }
    aliases
        .all()
        .forEach(
            (alias, target) -> {
              if (names.contains(target) && !names.contains(alias)) {
                names.add(alias);
              }
            });
    names.sort(null);
    return names;
  }

  private TaskRecord submit(Caller caller, ParsedRequest parsed, String idempotencyKey) {
    String id = Ids.timeOrdered("video_", clock.millis());
    try {
      return tasks.submit(
          new SubmitCommand(
              caller,
              OpenAiDialect.NAME,
              id,
              parsed.request(),
              parsed.callbackUrl(),
              idempotencyKey));
    } catch (InvalidRequestException e) {
      if (e.field() == RequestField.CALLBACK && parsed.callbackSource() != null) {
        throw new FieldException(parsed.callbackSource(), e.problem());
      }
      throw e;
    }
  }

  /** The body as JSON: parsed from JSON, or built from a multipart form. */
  private JsonNode read(HttpServletRequest http) {
    return OpenAiUploads.read(http, bodies, dialect::imageToDataUri);
  }
}
