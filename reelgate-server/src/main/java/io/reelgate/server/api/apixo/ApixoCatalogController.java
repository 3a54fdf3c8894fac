package io.reelgate.server.api.apixo;

import io.reelgate.core.catalog.KindRule;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.access.Caller;
import io.reelgate.server.api.apixo.ApixoBodies.Envelope;
import io.reelgate.server.api.common.ParsedRequest;
import io.reelgate.server.catalog.ModelAliases;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * What a key holder can discover in the APIXO envelope: {@code GET /api/v1/models}, the catalog
 * with each model's rules, price and availability, and {@code GET /api/v1/tasks}, the caller's
 * tasks newest first.
 */
@RestController
public class ApixoCatalogController {
  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 100;

  private final ModelCatalog catalog;
  private final ModelAliases aliases;
  private final ChannelRouter router;
  private final TaskService tasks;
  private final TaskQueries queries;
  private final ApixoDialect dialect;
  private final ObjectMapper mapper;
  private final Clock clock;

  public ApixoCatalogController(
      ModelCatalog catalog,
      ModelAliases aliases,
      ChannelRouter router,
      TaskService tasks,
      TaskQueries queries,
      ApixoDialect dialect,
      ObjectMapper mapper,
      Clock clock) {
    this.catalog = catalog;
    this.aliases = aliases;
    this.router = router;
    this.tasks = tasks;
    this.queries = queries;
    this.dialect = dialect;
    this.mapper = mapper;
    this.clock = clock;
  }

  @GetMapping("/api/v1/models")
  public Envelope models(Caller caller) {
    List<ApixoBodies.Model> out = new ArrayList<>();
    for (ModelSpec spec :
        catalog.all().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
      // why: a model whose name an alias took over is not reachable by that name any more
      if (!aliases.resolve(spec.id()).equals(spec.id())) {
        continue;
      }
      out.add(model(spec));
    }
    return Envelope.ok(new ApixoBodies.ModelList(out));
  }

  private ApixoBodies.Model model(ModelSpec spec) {
    List<String> names =
        aliases.all().entrySet().stream()
            .filter(e -> e.getValue().equals(spec.id()))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    List<ApixoBodies.Kind> kinds = new ArrayList<>();
    for (GenerationKind kind : GenerationKind.values()) {
      KindRule rule = spec.kinds().get(kind);
      if (rule != null) {
        kinds.add(
            new ApixoBodies.Kind(
                kind.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                rule.minImages(),
                rule.maxImages(),
                rule.sizes().stream().map(OutputSize::label).toList(),
                rule.qualities().isEmpty() ? spec.qualities() : rule.qualities()));
      }
    }
    Map<String, Double> sizeFactors = new LinkedHashMap<>();
    spec.price().sizeFactors().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> sizeFactors.put(String.valueOf(e.getKey()), e.getValue()));
    Map<String, Double> qualityFactors = new LinkedHashMap<>();
    spec.price().qualityFactors().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> qualityFactors.put(e.getKey(), e.getValue()));
    ApixoBodies.Price price =
        new ApixoBodies.Price(
            spec.price().creditsPerSecond(), qualityFactors, sizeFactors, examples(spec));
    List<ApixoBodies.Channel> channels = new ArrayList<>();
    for (Channel c : router.all()) {
      if (router.modelsOf(c).contains(spec.id())) {
        channels.add(
            new ApixoBodies.Channel(
                c.id(),
                c.route().wireName(),
                c.health().getState().name().toLowerCase(Locale.ROOT)));
      }
    }
    boolean retired = spec.retiredAt(clock.instant());
    return new ApixoBodies.Model(
        spec.id(),
        names,
        kinds,
        spec.durations(),
        spec.maxPromptLength(),
        spec.routings().stream().map(Routing::wireName).toList(),
        spec.defaultRouting().wireName(),
        ApixoWireNames.inputFields(spec),
        price,
        new ApixoBodies.Limits(spec.limits().requestsPerMinute(), spec.limits().concurrentTasks()),
        new ApixoBodies.Availability(
            retired ? "retired" : "available",
            spec.retiredAt() == null ? null : spec.retiredAt().toString(),
            channels));
  }

  /**
   * The example inputs priced exactly as a submission would be; one the rules refuse is left out.
   */
  private List<ApixoBodies.PriceExample> examples(ModelSpec spec) {
    List<ApixoBodies.PriceExample> out = new ArrayList<>();
    for (Map<String, Object> input : ApixoWireNames.priceExampleInputs(spec)) {
      try {
        ParsedRequest parsed =
            ApixoRequestParser.parse(spec, mapper.valueToTree(Map.of("input", input)));
        out.add(new ApixoBodies.PriceExample(input, spec.priceOf(parsed.request())));
      } catch (RuntimeException refused) {
        // why: an operator may have changed the model's durations or sizes
      }
    }
    return out;
  }

  @GetMapping("/api/v1/tasks")
  public Envelope tasks(
      Caller caller,
      @RequestParam(name = "state", required = false) String state,
      @RequestParam(name = "model", required = false) String model,
      @RequestParam(name = "since", required = false) String since,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "cursor", required = false) String cursor) {
    TaskQueries.Filter filter =
        new TaskQueries.Filter(
            states(state),
            model == null || model.isBlank() ? null : tasks.model(model.trim()).id(),
            since == null || since.isBlank() ? null : number("since", since, 0, Long.MAX_VALUE));
    int size =
        limit == null || limit.isBlank() ? DEFAULT_PAGE : (int) number("limit", limit, 1, MAX_PAGE);
    List<TaskRecord> page =
        queries.page(caller.accountId(), filter, position(cursor), false, size + 1);
    List<ApixoBodies.Status> items = new ArrayList<>();
    for (TaskRecord task : page.subList(0, Math.min(size, page.size()))) {
      items.add(dialect.statusData(task, true));
    }
    String next = null;
    if (page.size() > size) {
      TaskRecord last = page.get(size - 1);
      next = encode(new TaskQueries.Position(last.createdAt(), last.id()));
    }
    return Envelope.ok(new ApixoBodies.TaskList(items, next));
  }

  private static Set<TaskState> states(String state) {
    if (state == null || state.isBlank()) {
      return Set.of();
    }
    return switch (state.trim()) {
      case "pending" -> EnumSet.of(TaskState.QUEUED);
      case "processing" -> EnumSet.of(TaskState.RUNNING, TaskState.STORING);
      case "success" -> EnumSet.of(TaskState.SUCCEEDED);
      case "failed" -> EnumSet.of(TaskState.FAILED, TaskState.CANCELLED);
      default ->
          throw new ApixoException(
              400, "state must be one of pending, processing, success, failed");
    };
  }

  private static long number(String name, String text, long min, long max) {
    try {
      long value = Long.parseLong(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApixoException(
        400,
        name
            + (max == Long.MAX_VALUE
                ? " must be a time in Unix milliseconds"
                : " must be an integer from " + min + " to " + max));
  }

  static String encode(TaskQueries.Position p) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((p.createdAt() + ":" + p.id()).getBytes(StandardCharsets.UTF_8));
  }

  private static TaskQueries.Position position(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String text =
          new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      String id = text.substring(colon + 1);
      if (colon > 0 && !id.isEmpty() && id.length() <= 80) {
        return new TaskQueries.Position(Long.parseLong(text.substring(0, colon)), id);
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // reported below
    }
    throw new ApixoException(400, "cursor is not valid: pass the nextCursor of the previous page");
  }
}
