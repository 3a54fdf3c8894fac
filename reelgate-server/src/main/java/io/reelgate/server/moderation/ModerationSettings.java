package io.reelgate.server.moderation;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Content moderation ({@code reelgate.moderation.*}).
 *
 * @param enabled whether prompts are checked at all
 * @param terms words and phrases refused wherever they stand as whole words, case-insensitively
 * @param patterns regular expressions refused wherever they match (case-insensitive)
 * @param openai an OpenAI-compatible {@code /v1/moderations} service, used when its base URL is set
 */
@ConfigurationProperties("reelgate.moderation")
public record ModerationSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue List<String> terms,
    @DefaultValue List<String> patterns,
    @DefaultValue OpenAi openai) {

  /**
   * @param baseUrl e.g. {@code https://api.openai.com}; empty disables the service
   * @param apiKey sent as a bearer token; may be empty for local services
   * @param model the moderation model, e.g. {@code omni-moderation-latest}
   * @param timeout how long one check may take
   * @param failOpen accept prompts when the service cannot be asked (default: refuse the request
   *     with 503 and reserve nothing)
   */
  public record OpenAi(
      @DefaultValue("") String baseUrl,
      @DefaultValue("") String apiKey,
      @DefaultValue("omni-moderation-latest") String model,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("false") boolean failOpen) {}
}
