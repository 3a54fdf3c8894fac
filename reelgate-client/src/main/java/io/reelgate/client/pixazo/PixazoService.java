package io.reelgate.client.pixazo;

import io.reelgate.client.RequestOptions;
import io.reelgate.client.WaitOptions;
import io.reelgate.client.internal.Json;
import io.reelgate.client.internal.TaskWaiter;
import io.reelgate.client.internal.Transport;
import io.reelgate.client.internal.Transport.Auth;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The Pixazo Sora-video API ({@code Ocp-Apim-Subscription-Key: <api key>}). Get it from {@link
 * io.reelgate.client.ReelgateClient#pixazo()}; it is thread-safe.
 */
public final class PixazoService {
  private final Transport transport;

  /**
   * Used by {@link io.reelgate.client.ReelgateClient}.
   *
   * @param transport the client's transport
   */
  public PixazoService(Transport transport) {
    this.transport = transport;
  }

  /** Text-to-video ({@code POST /sora-video/v1/video/generate}) with a fresh idempotency key. */
  public PixazoSubmission generate(PixazoGenerateParams params) {
    return generate(params, RequestOptions.none());
  }

  /** Text-to-video with per-call options. */
  public PixazoSubmission generate(PixazoGenerateParams params, RequestOptions options) {
    if (params.image() != null) {
      throw new IllegalArgumentException(
          "image is for imageToVideo(); generate() is text-to-video");
    }
    return submit("/sora-video/v1/video/generate", params, options);
  }

  /**
   * Image-to-video ({@code POST /sora-video/v1/video/i2v/generate}); the image must be exactly one
   * of the allowed sizes.
   */
  public PixazoSubmission imageToVideo(PixazoGenerateParams params) {
    return imageToVideo(params, RequestOptions.none());
  }

  /** Image-to-video with per-call options. */
  public PixazoSubmission imageToVideo(PixazoGenerateParams params, RequestOptions options) {
    if (params.image() == null) {
      throw new IllegalArgumentException("imageToVideo() needs an image");
    }
    return submit("/sora-video/v1/video/i2v/generate", params, options);
  }

  private PixazoSubmission submit(
      String path, PixazoGenerateParams params, RequestOptions options) {
    JsonNode answer =
        transport
            .call("POST", path, Auth.PIXAZO_KEY)
            .maxRetries(options.maxRetries())
            .timeout(options.timeout())
            .idempotencyKey(options.idempotencyKey())
            .json(params.toBody())
            .send()
            .json();
    return Json.MAPPER.convertValue(answer, PixazoSubmission.class);
  }

  /**
   * The universal status ({@code GET /v2/requests/status/{request_id}}) of any task of the account.
   */
  public PixazoStatus status(String requestId) {
    JsonNode answer =
        transport
            .call(
                "GET",
                "/v2/requests/status/" + Transport.encode(Objects.requireNonNull(requestId)),
                Auth.PIXAZO_KEY)
            .send()
            .json();
    return PixazoStatus.fromJson(answer);
  }

  /** The Sora-video result object ({@code POST /sora-video/v1/video/result}). */
  public PixazoResult result(String videoId) {
    JsonNode answer =
        transport
            .call("POST", "/sora-video/v1/video/result", Auth.PIXAZO_KEY)
            .json(java.util.Map.of("video_id", Objects.requireNonNull(videoId)))
            .send()
            .json();
    return PixazoResult.fromJson(answer);
  }

  /**
   * Waits until the request is final, following its event stream and falling back to polling.
   *
   * @param requestId the request's id
   * @param options timeout and polling settings
   * @param onUpdate called with each new status, or null
   * @return the final status
   * @throws io.reelgate.client.WaitTimeoutException when the timeout passes first
   */
  public PixazoStatus waitFor(
      String requestId, WaitOptions options, Consumer<PixazoStatus> onUpdate) {
    TaskWaiter.Dialect<PixazoStatus> dialect =
        new TaskWaiter.Dialect<>() {
          @Override
          public String taskId() {
            return requestId;
          }

          @Override
          public PixazoStatus fromEvent(String data) {
            JsonNode json = Json.parseOrNull(data);
            return json == null || json.get("request_id") == null
                ? null
                : PixazoStatus.fromJson(json);
          }

          @Override
          public PixazoStatus poll() {
            return status(requestId);
          }

          @Override
          public boolean isFinal(PixazoStatus status) {
            return status.isFinal();
          }
        };
    return new TaskWaiter<>(transport, dialect, options, onUpdate).await();
  }
}
