package io.reelgate.client.pixazo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a Pixazo Sora-video submission. Immutable; build with {@link #builder()}. The image
 * is required for {@link PixazoService#imageToVideo(PixazoGenerateParams)} and not allowed for
 * {@link PixazoService#generate(PixazoGenerateParams)}.
 */
public final class PixazoGenerateParams {
  private final String prompt;
  private final String model;
  private final String size;
  private final Integer seconds;
  private final String image;
  private final String callbackUrl;

  private PixazoGenerateParams(Builder b) {
    this.prompt = b.prompt;
    this.model = b.model;
    this.size = b.size;
    this.seconds = b.seconds;
    this.image = b.image;
    this.callbackUrl = b.callbackUrl;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The prompt. */
  public String prompt() {
    return prompt;
  }

  /** The model ({@code sora-2-pro} when null). */
  public String model() {
    return model;
  }

  /** The size, e.g. {@code 1280x720}, or null. */
  public String size() {
    return size;
  }

  /** The duration in seconds, or null. */
  public Integer seconds() {
    return seconds;
  }

  /** The input image (URL or data: URI), or null. */
  public String image() {
    return image;
  }

  /** The callback URL, or null. */
  public String callbackUrl() {
    return callbackUrl;
  }

  /** The wire body. */
  public Map<String, Object> toBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prompt", prompt);
    if (model != null) {
      body.put("model", model);
    }
    if (size != null) {
      body.put("size", size);
    }
    if (seconds != null) {
      body.put("seconds", seconds);
    }
    if (image != null) {
      body.put("image", image);
    }
    if (callbackUrl != null) {
      body.put("callback_url", callbackUrl);
    }
    return body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PixazoGenerateParams
        && toBody().equals(((PixazoGenerateParams) o).toBody());
  }

  @Override
  public int hashCode() {
    return toBody().hashCode();
  }

  @Override
  public String toString() {
    return "PixazoGenerateParams" + toBody();
  }

  /** Builds {@link PixazoGenerateParams}. */
  public static final class Builder {
    private String prompt;
    private String model;
    private String size;
    private Integer seconds;
    private String image;
    private String callbackUrl;

    private Builder() {}

    /** {@code prompt} (required). */
    public Builder prompt(String prompt) {
      this.prompt = prompt;
      return this;
    }

    /** {@code model}: {@code sora-2-pro} (the default) or {@code sora-2}. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** {@code size}: {@code 1280x720}, {@code 720x1280}, {@code 1792x1024}, {@code 1024x1792}. */
    public Builder size(String size) {
      this.size = size;
      return this;
    }

    /** {@code seconds}: 4, 8 or 12. */
    public Builder seconds(int seconds) {
      this.seconds = seconds;
      return this;
    }

    /**
     * {@code image} (image-to-video): an http(s) URL or a {@code data:image/…;base64,…} URI of an
     * image of exactly one of the allowed sizes.
     */
    public Builder image(String image) {
      this.image = image;
      return this;
    }

    /** {@code callback_url}: where the final status is POSTed, signed. */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = callbackUrl;
      return this;
    }

    /** The parameters; the prompt is required. */
    public PixazoGenerateParams build() {
      Objects.requireNonNull(prompt, "prompt");
      return new PixazoGenerateParams(this);
    }
  }
}
