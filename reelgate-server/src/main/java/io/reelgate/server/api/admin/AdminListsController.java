package io.reelgate.server.api.admin;

import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.moderation.Moderation;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's listings: {@code GET /admin/v1/accounts}, {@code GET /admin/v1/tasks} (the tasks
 * of every account, with filters) and {@code GET /admin/v1/moderation-events}. Each is newest first
 * and pages by the {@code next} value of the previous answer.
 */
@RestController
@RequestMapping("/admin/v1")
public class AdminListsController {
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 500;
  static final int PROMPT_SHOWN = 200;

  private final Wallet wallet;
  private final TaskQueries tasks;
  private final Moderation moderation;
  private final ModelCatalog catalog;

  public AdminListsController(
      Wallet wallet, TaskQueries tasks, Moderation moderation, ModelCatalog catalog) {
    this.wallet = wallet;
    this.tasks = tasks;
    this.moderation = moderation;
    this.catalog = catalog;
  }

  @GetMapping("/accounts")
  public Map<String, Object> accounts(
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "before", required = false) String before) {
    int size = size(limit);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Wallet.Account a : wallet.accounts(id("before", before), size)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("accountId", a.id());
      m.put("name", a.name());
      m.put("balance", a.balance());
      m.put("reserved", a.reserved());
      m.put("spent", a.spent());
      m.put("createdAt", iso(a.createdAt()));
      out.add(m);
    }
    return page("accounts", out, size, "accountId");
  }

  @GetMapping("/tasks")
  public Map<String, Object> tasks(
      @RequestParam(name = "account", required = false) String account,
      @RequestParam(name = "state", required = false) String state,
      @RequestParam(name = "model", required = false) String model,
      @RequestParam(name = "since", required = false) String since,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "cursor", required = false) String cursor) {
    int size = size(limit);
    TaskQueries.Filter filter = new TaskQueries.Filter(states(state), model(model), since(since));
    List<TaskRecord> page =
        tasks.pageOfAll(id("account", account), filter, position(cursor), size + 1);
    List<Map<String, Object>> out = new ArrayList<>();
    for (TaskRecord t : page.subList(0, Math.min(size, page.size()))) {
      out.add(taskView(t));
    }
    String next = null;
    if (page.size() > size) {
      TaskRecord last = page.get(size - 1);
      next =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  (last.createdAt() + ":" + last.id()).getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tasks", out);
    body.put("next", next);
    return body;
  }

  @GetMapping("/moderation-events")
  public Map<String, Object> moderationEvents(
      @RequestParam(name = "account", required = false) String account,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "before", required = false) String before) {
    int size = size(limit);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Moderation.Event e :
        moderation.events(id("account", account), id("before", before), size)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("accountId", e.accountId());
      m.put("keyId", e.keyId());
      m.put("dialect", e.dialect());
      m.put("model", e.model());
      m.put("policy", e.policy());
      m.put("reason", e.reason());
      m.put("promptSha256", e.promptSha256());
      m.put("promptExcerpt", e.promptExcerpt());
      m.put("createdAt", iso(e.createdAt()));
      out.add(m);
    }
    return page("events", out, size, "id");
  }

  private static Map<String, Object> taskView(TaskRecord t) {
    String prompt = t.request().prompt();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("taskId", t.id());
    m.put("accountId", t.accountId());
    m.put("keyId", t.apiKeyId());
    m.put("model", t.model());
    m.put("dialect", t.dialect());
    m.put("state", t.state().name().toLowerCase(Locale.ROOT));
    m.put("price", t.price());
    m.put("channelId", t.channelId());
    m.put("attempts", t.attempts());
    m.put("failureCode", t.failureCode() == null ? null : t.failureCode().name());
    m.put("failureMessage", t.failureMessage());
    m.put(
        "prompt",
        prompt == null || prompt.length() <= PROMPT_SHOWN
            ? prompt
            : prompt.substring(0, PROMPT_SHOWN) + "…");
    m.put("createdAt", iso(t.createdAt()));
    m.put("startedAt", t.startedAt() == null ? null : iso(t.startedAt()));
    m.put("completedAt", t.completedAt() == null ? null : iso(t.completedAt()));
    return m;
  }

  private static Map<String, Object> page(
      String name, List<Map<String, Object>> items, int size, String idField) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(name, items);
    body.put("next", items.size() == size ? items.getLast().get(idField) : null);
    return body;
  }

  private static Set<TaskState> states(String state) {
    if (state == null || state.isBlank()) {
      return Set.of();
    }
    Set<TaskState> out = EnumSet.noneOf(TaskState.class);
    for (String s : state.split(",")) {
      try {
        out.add(TaskState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw AdminException.invalid(
            "state",
            "must be one or more (comma-separated) of "
                + Stream.of(TaskState.values())
                    .map(v -> v.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
      }
    }
    return out;
  }

  private String model(String model) {
    if (model == null || model.isBlank()) {
      return null;
    }
    return catalog
        .find(model.trim())
        .map(ModelSpec::id)
        .orElseThrow(
            () ->
                AdminException.invalid(
                    "model",
                    "must be one of "
                        + catalog.all().stream()
                            .map(ModelSpec::id)
                            .sorted()
                            .collect(Collectors.joining(", "))));
  }

  private static Long since(String since) {
    if (since == null || since.isBlank()) {
      return null;
    }
    try {
      long v = Long.parseLong(since.trim());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AdminException.invalid("since", "must be a time in Unix milliseconds");
  }

  private static int size(String limit) {
    if (limit == null || limit.isBlank()) {
      return DEFAULT_PAGE;
    }
    try {
      int v = Integer.parseInt(limit.trim());
      if (v >= 1 && v <= MAX_PAGE) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AdminException.invalid("limit", "must be an integer from 1 to " + MAX_PAGE);
  }

  private static String id(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > 80) {
      throw AdminException.invalid(name, "must be at most 80 characters");
    }
    return value.trim();
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
    throw AdminException.invalid("cursor", "is not valid: pass the next of the previous page");
  }

  private static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
