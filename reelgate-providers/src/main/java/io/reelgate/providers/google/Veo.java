package io.reelgate.providers.google;

import static io.reelgate.providers.support.Json.text;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.Submission;
import io.reelgate.providers.http.UpstreamHttp;
import io.reelgate.providers.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the {@code gemini} and {@code vertex} protocols share for Veo: the {@code instances[0]} of a
 * {@code predictLongRunning} call, the common {@code parameters}, and the reading of a finished
 * operation's {@code error} (a {@code google.rpc.Status}) and safety filter counts.
 */
public final class Veo {
  private Veo() {}

  /**
   * {@code instances[0]}: the prompt and the input images (inline base64, as both APIs accept).
   * Image-to-video and first/last frames use {@code image} (+ {@code lastFrame}); reference images
   * use {@code referenceImages} with type {@code asset}.
   */
  public static ObjectNode instance(ProviderJob job) {
    ObjectNode instance = UpstreamHttp.object();
    instance.put("prompt", job.request().prompt());
    List<InputImage> images = job.images();
    GenerationKind kind = job.request().kind();
    if (kind == GenerationKind.REFERENCE_IMAGES) {
      ArrayNode refs = instance.putArray("referenceImages");
      for (InputImage image : images) {
        ObjectNode ref = refs.addObject();
        ref.set("image", image(image));
        ref.put("referenceType", "asset");
      }
    } else if (!images.isEmpty()) {
      instance.set("image", image(images.get(0)));
      if (kind == GenerationKind.FIRST_AND_LAST_FRAMES && images.size() > 1) {
        instance.set("lastFrame", image(images.get(1)));
      }
    }
    return instance;
  }

  /** The parameters both APIs share: aspect ratio, duration, resolution, one sample. */
  public static ObjectNode parameters(ProviderJob job) {
    ObjectNode parameters = UpstreamHttp.object();
    boolean portrait = job.size().height() > job.size().width();
    parameters.put("aspectRatio", portrait ? "9:16" : "16:9");
    parameters.put("durationSeconds", job.request().durationSeconds());
    parameters.put("resolution", Math.min(job.size().width(), job.size().height()) + "p");
    parameters.put("sampleCount", 1);
    String negative = job.request().options().get("negative_prompt");
    if (negative != null && !negative.isBlank()) {
      parameters.put("negativePrompt", negative);
    }
    return parameters;
  }

  private static ObjectNode image(InputImage image) {
    ObjectNode node = UpstreamHttp.object();
    node.put("bytesBase64Encoded", Base64.getEncoder().encodeToString(image.bytes()));
    node.put("mimeType", image.info().format().mediaType());
    return node;
  }

  /**
   * The failure a finished operation's {@code error} (google.rpc.Status) stands for. Codes follow
   * google.rpc.Code: 3 invalid argument, 7/16 permission/authentication, 8 resource exhausted,
   * 4/13/ 14 deadline/internal/unavailable.
   */
  public static ProviderException operationError(JsonNode error, String channel) {
    int code = error.path("code").asInt(0);
    String message = text(error.path("message"));
    String what =
        "the upstream ended the job of "
            + channel
            + " with error "
            + code
            + (message == null ? "" : ": " + message);
    return switch (code) {
      case 3, 9, 11 ->
          new ProviderException(
              FailureCategory.BAD_INPUT, FailureCode.UPSTREAM_ERROR, false, null, what, null);
      case 7, 16 -> new ProviderException(FailureCategory.AUTH, null, false, null, what, null);
      case 8 -> new ProviderException(FailureCategory.RATE_LIMITED, null, true, null, what, null);
      default ->
          new ProviderException(
              FailureCategory.UNAVAILABLE, FailureCode.UPSTREAM_ERROR, true, null, what, null);
    };
  }

  /**
   * The content-filter failure of a finished operation that produced no video, if its response says
   * the safety filters removed it ({@code raiMediaFilteredCount} / {@code
   * raiMediaFilteredReasons}).
   */
  public static ProviderException filtered(JsonNode response, String channel) {
    int count = response.path("raiMediaFilteredCount").asInt(0);
    List<String> reasons = new ArrayList<>();
    for (JsonNode reason : response.path("raiMediaFilteredReasons")) {
      String r = text(reason);
      if (r != null) {
        reasons.add(r);
      }
    }
    if (count <= 0 && reasons.isEmpty()) {
      return null;
    }
    String message =
        "the upstream's safety filters removed the video"
            + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
    return new ProviderException(
        FailureCategory.CONTENT_REJECTED,
        FailureCode.CONTENT_VIOLATION,
        false,
        null,
        message,
        null);
  }

  /**
   * Writes a video the upstream sent inline (base64) to the job's work directory.
   *
   * @throws ProviderException (malformed, retryable) when the text is not base64
   */
  public static Path writeInline(ProviderJob job, String base64, UpstreamHttp http) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw http.malformed("inline video", false, e);
    }
    Path file = job.workDir().resolve("video.mp4");
    try {
      Files.createDirectories(job.workDir());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the video of " + job.taskId(), e);
    }
    return file;
  }

  /** A finished operation with neither video, error nor filter count. */
  public static ProviderException noVideo(String channel) {
    return new ProviderException(
        FailureCategory.UNAVAILABLE,
        FailureCode.UPSTREAM_ERROR,
        true,
        null,
        "the upstream finished the job of " + channel + " without a video",
        null);
  }

  /** Checks an operation name before it goes into a URL path. */
  public static String checkedOperationName(String name) {
    if (name == null
        || name.isBlank()
        || name.startsWith("/")
        || name.contains("..")
        || !name.matches("[A-Za-z0-9._~/-]+")) {
      throw ProviderException.of(
          FailureCategory.INTERNAL, "not an operation name: " + String.valueOf(name));
    }
    return name;
  }

  /** Whether two URIs name the same host (case-insensitive), so credentials may go to both. */
  public static boolean sameHost(java.net.URI a, java.net.URI b) {
    return a.getHost() != null
        && b.getHost() != null
        && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
        && a.getPort() == b.getPort();
  }

  /**
   * The operation a {@code predictLongRunning} call started, as an accepted job.
   *
   * @throws io.reelgate.providers.ProviderException for an error answer or one without a name
   */
  public static Submission.Accepted accepted(
      UpstreamHttp http, HttpResponse<byte[]> response, Duration pollInterval) {
    if (response.statusCode() != 200) {
      throw http.errorOf(response, "predictLongRunning");
    }
    JsonNode operation = http.json(response, "predictLongRunning answer", true);
    String name = Json.text(operation.path("name"));
    if (name == null || name.isBlank()) {
      throw http.malformed("predictLongRunning answer without an operation name", true, null);
    }
    return new Submission.Accepted(name, http.retryAfter(response).orElse(pollInterval));
  }
}
