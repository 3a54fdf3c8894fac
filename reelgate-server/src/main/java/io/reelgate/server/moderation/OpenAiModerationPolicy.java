package io.reelgate.server.moderation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks an OpenAI-compatible moderation service ({@code POST /v1/moderations} with {@code model} and
 * {@code input}; the answer's {@code results[0].flagged} decides, its true {@code categories} are
 * the reason). The service is the operator's own choice, so it is called directly rather than
 * through the guard for user-supplied URLs.
 */
public final class OpenAiModerationPolicy implements ContentPolicy {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI endpoint;
  private final String apiKey;
  private final String model;
  private final Duration timeout;
  private final HttpClient http;

  public OpenAiModerationPolicy(ModerationSettings.OpenAi settings) {
    String base = settings.baseUrl().trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.endsWith("/v1")) {
      base = base.substring(0, base.length() - 3);
    }
    this.endpoint = URI.create(base + "/v1/moderations");
    this.apiKey = settings.apiKey().trim();
    this.model = settings.model().trim();
    this.timeout = settings.timeout();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public Optional<String> violation(String prompt) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (!model.isEmpty()) {
      body.put("model", model);
    }
    body.put("input", prompt);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (!apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ModerationUnavailableException(
          "the moderation service did not answer: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModerationUnavailableException("interrupted while asking the moderation service");
    }
    if (response.statusCode() != 200) {
      throw new ModerationUnavailableException(
          "the moderation service answered HTTP " + response.statusCode());
    }
    JsonNode result;
    try {
      result = JSON.readTree(response.body()).path("results").path(0);
    } catch (JacksonException e) {
      throw new ModerationUnavailableException("the moderation service answered invalid JSON");
    }
    JsonNode flagged = result.get("flagged");
    if (flagged == null || !flagged.isBoolean()) {
      throw new ModerationUnavailableException(
          "the moderation service's answer has no results[0].flagged");
    }
    if (!flagged.booleanValue()) {
      return Optional.empty();
    }
    List<String> categories = new ArrayList<>();
    for (Map.Entry<String, JsonNode> category : result.path("categories").properties()) {
      if (category.getValue().asBoolean(false)) {
        categories.add(category.getKey());
      }
    }
    return Optional.of(
        "flagged by the moderation service"
            + (categories.isEmpty() ? "" : ": " + String.join(", ", categories)));
  }
}
