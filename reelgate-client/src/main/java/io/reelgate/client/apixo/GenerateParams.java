package io.reelgate.client.apixo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of an APIXO {@code generateTask} (and {@code estimate}) call. Immutable; build it with
 * {@link #builder()}. Only the fields that are set are sent; the gateway validates them against the
 * model and answers a {@link io.reelgate.client.BadRequestException} naming the field otherwise.
 *
 * <pre>{@code
 * GenerateParams params = GenerateParams.builder()
 *     .mode("text-to-video")
 *     .prompt("a lighthouse at dawn, slow dolly in")
 *     .duration(4)
 *     .aspectRatio("landscape")
 *     .build();
 * }</pre>
 */
public final class GenerateParams {
  private final String provider;
  private final String callbackUrl;
  private final Map<String, Object> input;

  private GenerateParams(Builder b) {
    this.provider = b.provider;
    this.callbackUrl = b.callbackUrl;
    this.input = Collections.unmodifiableMap(new LinkedHashMap<>(b.input));
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these parameters. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.provider = provider;
    b.callbackUrl = callbackUrl;
    b.input.putAll(input);
    return b;
  }

  /** The routing preference ({@code official}, {@code value}, {@code auto}), or null. */
  public String provider() {
    return provider;
  }

  /** The callback URL, or null for an async task. */
  public String callbackUrl() {
    return callbackUrl;
  }

  /** The {@code input} object, field by wire name. */
  public Map<String, Object> input() {
    return input;
  }

  /** The wire body: {@code request_type}, {@code provider}, {@code callback_url}, {@code input}. */
  public Map<String, Object> toBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("request_type", callbackUrl == null ? "async" : "callback");
    if (provider != null) {
      body.put("provider", provider);
    }
    if (callbackUrl != null) {
      body.put("callback_url", callbackUrl);
    }
    body.put("input", input);
    return body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenerateParams
        && Objects.equals(provider, ((GenerateParams) o).provider)
        && Objects.equals(callbackUrl, ((GenerateParams) o).callbackUrl)
        && input.equals(((GenerateParams) o).input);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, callbackUrl, input);
  }

  @Override
  public String toString() {
    return "GenerateParams" + toBody();
  }

  /** Builds {@link GenerateParams}. */
  public static final class Builder {
    private String provider;
    private String callbackUrl;
    private final Map<String, Object> input = new LinkedHashMap<>();

    private Builder() {}

    /**
     * {@code input.mode}: {@code text-to-video} or {@code image-to-video} for Sora models, {@code
     * quality} or {@code fast} for {@code veo-3-1}.
     */
    public Builder mode(String mode) {
      return putInput("mode", mode);
    }

    /** {@code input.prompt}: what to render. */
    public Builder prompt(String prompt) {
      return putInput("prompt", prompt);
    }

    /** {@code input.duration} in seconds (4, 8 or 12 for Sora models). */
    public Builder duration(int seconds) {
      return putInput("duration", seconds);
    }

    /** {@code input.size} ({@code sora-2-pro} text-to-video), e.g. {@code 1280*720}. */
    public Builder size(String size) {
      return putInput("size", size);
    }

    /**
     * {@code input.resolution} ({@code sora-2-pro} image-to-video): {@code 720p} or {@code 1080p}.
     */
    public Builder resolution(String resolution) {
      return putInput("resolution", resolution);
    }

    /**
     * {@code input.aspect_ratio}: {@code landscape}/{@code portrait} ({@code sora-2}), {@code
     * 16:9}/{@code 9:16} ({@code veo-3-1}).
     */
    public Builder aspectRatio(String aspectRatio) {
      return putInput("aspect_ratio", aspectRatio);
    }

    /** {@code input.image_urls}: http(s) URLs or {@code data:} URIs, replacing earlier ones. */
    public Builder imageUrls(List<String> urls) {
      return putInput("image_urls", urls == null ? null : List.copyOf(urls));
    }

    /** Adds one entry to {@code input.image_urls}. */
    @SuppressWarnings("unchecked")
    public Builder addImageUrl(String url) {
      Objects.requireNonNull(url, "url");
      List<String> urls = new ArrayList<>();
      Object existing = input.get("image_urls");
      if (existing instanceof List) {
        urls.addAll((List<String>) existing);
      }
      urls.add(url);
      input.put("image_urls", List.copyOf(urls));
      return this;
    }

    /**
     * {@code input.generationType} ({@code veo-3-1}), e.g. {@code FIRST_AND_LAST_FRAMES_2_VIDEO}.
     */
    public Builder generationType(String generationType) {
      return putInput("generationType", generationType);
    }

    /** {@code input.remove_watermark} ({@code sora-2}). */
    public Builder removeWatermark(boolean removeWatermark) {
      return putInput("remove_watermark", removeWatermark);
    }

    /** {@code input.watermark} ({@code veo-3-1}). */
    public Builder watermark(String watermark) {
      return putInput("watermark", watermark);
    }

    /** {@code input.seed} ({@code veo-3-1}), 0 to 4294967295. */
    public Builder seed(long seed) {
      return putInput("seed", seed);
    }

    /**
     * Any other {@code input} field, sent as given (a null value removes the field). Values are
     * strings, numbers, booleans, lists or maps.
     */
    public Builder putInput(String field, Object value) {
      Objects.requireNonNull(field, "field");
      if (value == null) {
        input.remove(field);
      } else {
        input.put(field, value);
      }
      return this;
    }

    /** {@code provider}: {@code official}, {@code value} or {@code auto}. */
    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    /**
     * {@code callback_url}: the gateway POSTs the final status there, signed (see {@link
     * io.reelgate.client.WebhookVerifier}); sets {@code request_type} to {@code callback}.
     */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = callbackUrl;
      return this;
    }

    /** The parameters. */
    public GenerateParams build() {
      return new GenerateParams(this);
    }
  }
}
