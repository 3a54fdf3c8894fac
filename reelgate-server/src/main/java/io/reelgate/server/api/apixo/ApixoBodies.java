package io.reelgate.server.api.apixo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The bodies of the APIXO dialect, as records the JSON mapper writes in declaration order. */
final class ApixoBodies {
  private ApixoBodies() {}

  /** Every APIXO answer: {@code {"code","message","data"}}; the HTTP status equals {@code code}. */
  record Envelope(int code, String message, Object data) {
    static Envelope ok(Object data) {
      return new Envelope(200, "success", data);
    }
  }

  /** The {@code data} of an accepted {@code generateTask}. */
  record TaskId(String taskId) {}

  /**
   * The {@code data} of {@code statusTask}, of a task event and of a webhook: what applies to the
   * task's state, nothing else. {@code model} is given in task lists only. A success also says
   * until when its result URLs work ({@code expireTime}, ms) and whether that time has passed and
   * the result was deleted ({@code resultExpired}; its {@code resultUrls} are empty then).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Status(
      String taskId,
      String model,
      String state,
      long createTime,
      String resultJson,
      String failCode,
      String failMsg,
      Long completeTime,
      Long costTime,
      Long expireTime,
      Boolean resultExpired) {}

  /** The {@code data} of {@code estimate}: the price and the normalized request it is for. */
  record Estimate(long credits, Map<String, Object> request) {}

  /** The {@code data} of {@code GET /api/v1/tasks}: a page of tasks, newest first. */
  record TaskList(List<Status> tasks, String nextCursor) {}

  /** The {@code data} of {@code GET /api/v1/models}. */
  record ModelList(List<Model> models) {}

  /**
   * One public model: what it accepts (per kind, and as APIXO {@code input} fields a form can be
   * built from), its price with worked examples, its default limits and whether it is served now.
   */
  record Model(
      String id,
      List<String> aliases,
      List<Kind> kinds,
      List<Integer> durations,
      int maxPromptLength,
      List<String> providers,
      String defaultProvider,
      List<InputField> input,
      Price price,
      Limits limits,
      Availability availability) {}

  /** A generation kind with its image counts, sizes and quality tiers. */
  record Kind(
      String kind, int minImages, int maxImages, List<String> sizes, List<String> qualities) {}

  /**
   * One field of the APIXO {@code input} object.
   *
   * @param type {@code string}, {@code integer}, {@code boolean} or {@code array}
   * @param required whether it must be sent (under {@code when}, when that is given)
   * @param values the allowed values, or null when free
   * @param defaultValue the value used when it is absent, or null
   * @param when the values of other fields under which it applies, or null for always
   */
  record InputField(
      String field,
      String type,
      boolean required,
      List<Object> values,
      @JsonProperty("default") Object defaultValue,
      java.util.Map<String, List<Object>> when) {}

  /** Credits per second times the factors of the quality and resolution tiers, with examples. */
  record Price(
      long creditsPerSecond,
      java.util.Map<String, Double> qualityFactors,
      java.util.Map<String, Double> sizeFactors,
      List<PriceExample> examples) {}

  /** An {@code input} object and what it costs. */
  record PriceExample(java.util.Map<String, Object> input, long credits) {}

  /** Default per-key limits. */
  record Limits(int requestsPerMinute, int concurrentTasks) {}

  /** Whether new tasks are taken, and the channels that serve the model with their health. */
  record Availability(String status, String retiredAt, List<Channel> channels) {}

  /** A channel serving the model. */
  record Channel(String id, String route, String health) {}
}
