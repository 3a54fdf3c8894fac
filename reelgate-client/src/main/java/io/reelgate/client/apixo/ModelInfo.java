package io.reelgate.client.apixo;

import java.util.List;
import java.util.Map;

/**
 * One model of the catalog ({@code GET /api/v1/models}): what it accepts, what it costs, its limits
 * and whether it is served now. Fields a newer server adds are ignored.
 *
 * @param id the model id
 * @param aliases other names that reach it
 * @param kinds the generation kinds with their image counts, sizes and qualities
 * @param durations the allowed durations in seconds
 * @param maxPromptLength the longest prompt in characters
 * @param providers the accepted {@code provider} values
 * @param defaultProvider the {@code provider} used when none is sent
 * @param input the {@code input} fields, with types, allowed values, defaults and conditions
 * @param price the price rule with worked examples
 * @param limits the default per-key limits
 * @param availability whether it takes new tasks, and the channels that serve it
 */
public record ModelInfo(
    String id,
    List<String> aliases,
    List<Kind> kinds,
    List<Integer> durations,
    Integer maxPromptLength,
    List<String> providers,
    String defaultProvider,
    List<InputField> input,
    Price price,
    Limits limits,
    Availability availability) {

  /**
   * A generation kind.
   *
   * @param kind e.g. {@code text-to-video}
   * @param minImages fewest input images
   * @param maxImages most input images
   * @param sizes allowed sizes
   * @param qualities allowed quality tiers
   */
  public record Kind(
      String kind,
      Integer minImages,
      Integer maxImages,
      List<String> sizes,
      List<String> qualities) {}

  /**
   * One field of {@code input}.
   *
   * @param field the wire name
   * @param type {@code string}, {@code integer}, {@code boolean}, {@code array}, …
   * @param required whether it must be sent
   * @param values the allowed values, or null when free
   * @param defaultValue the value used when absent, or null
   * @param when the other fields' values under which it applies, or null for always
   */
  public record InputField(
      String field,
      String type,
      Boolean required,
      List<Object> values,
      @com.fasterxml.jackson.annotation.JsonProperty("default") Object defaultValue,
      Map<String, List<Object>> when) {}

  /**
   * The price rule: credits per second times the factors of the request's quality and size.
   *
   * @param creditsPerSecond base credits per second of video
   * @param qualityFactors factor per quality tier
   * @param sizeFactors factor per resolution tier (keyed by the longer side)
   * @param examples worked examples
   */
  public record Price(
      Double creditsPerSecond,
      Map<String, Double> qualityFactors,
      Map<String, Double> sizeFactors,
      List<PriceExample> examples) {}

  /**
   * A worked price example.
   *
   * @param input an {@code input} object
   * @param credits its price
   */
  public record PriceExample(Map<String, Object> input, Long credits) {}

  /**
   * Default per-key limits.
   *
   * @param requestsPerMinute submissions per minute
   * @param concurrentTasks unfinished tasks at once
   */
  public record Limits(Integer requestsPerMinute, Integer concurrentTasks) {}

  /**
   * Whether the model is served.
   *
   * @param status e.g. {@code available}, {@code retired}
   * @param retiredAt when it stops (or stopped) taking tasks, ISO-8601, or null
   * @param channels the channels serving it
   */
  public record Availability(String status, String retiredAt, List<ChannelState> channels) {}

  /**
   * A channel serving the model.
   *
   * @param id the channel id
   * @param route {@code official} or {@code value}
   * @param health circuit state: {@code closed}, {@code open}, {@code half_open}
   */
  public record ChannelState(String id, String route, String health) {}
}
