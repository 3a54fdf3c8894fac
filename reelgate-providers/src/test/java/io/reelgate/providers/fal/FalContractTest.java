package io.reelgate.providers.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.reelgate.core.FailureCode;
import io.reelgate.core.image.ImageFormat;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.UpstreamUpdate;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.WebhookRequest;
import io.reelgate.providers.contract.ProviderContractTest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FalContractTest extends ProviderContractTest {
  static final URI HOOK = URI.create("https://gateway.example/upstream/v1/webhooks/test-fal");
  static final KeyPair SIGNER = newKeyPair();
  static final KeyPair OTHER = newKeyPair();

  @Override
  protected String protocol() {
    return "fal";
  }

  @Override
  protected String upstreamModel() {
    return "fal-ai/veo3.1";
  }

  @Override
  protected ChannelSettings settings(URI baseUrl) {
    return settings(baseUrl, Map.of(), null);
  }

  private ChannelSettings settings(URI baseUrl, Map<String, String> options, URI hook) {
    return new ChannelSettings(
        "test-fal", "fal", baseUrl, "fal-key-123", options, requestTimeout(), hook, null);
  }

  private VideoProvider provider(Map<String, String> options, URI hook) {
    return factory().create(settings(URI.create(upstream.baseUrl()), options, hook), runtime());
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String queued(String id) {
    String base = "https://queue.fal.run/fal-ai/veo3.1/requests/" + id;
    return "{\"request_id\":\""
        + id
        + "\",\"gateway_request_id\":\""
        + id
        + "\",\"status\":\"IN_QUEUE\",\"queue_position\":0,\"response_url\":\""
        + base
        + "\",\"status_url\":\""
        + base
        + "/status\",\"cancel_url\":\""
        + base
        + "/cancel\"}";
  }

  private static String statusPath(String id) {
    return "/fal-ai/veo3.1/requests/" + id + "/status";
  }

  @Override
  protected void stubSubmitAccepted(String jobId) {
    upstream.stubFor(post(urlPathEqualTo("/fal-ai/veo3.1")).willReturn(json(200, queued(jobId))));
  }

  @Override
  protected void stubSubmitAnswer(ResponseDefinitionBuilder answer) {
    upstream.stubFor(post(urlPathEqualTo("/fal-ai/veo3.1")).willReturn(answer));
  }

  @Override
  protected void stubPollRunning(String jobId) {
    upstream.stubFor(
        get(urlPathEqualTo(statusPath(jobId)))
            .willReturn(
                json(
                    202,
                    "{\"status\":\"IN_PROGRESS\",\"request_id\":\""
                        + jobId
                        + "\",\"response_url\":\"x\",\"logs\":[]}")));
  }

  private void stubCompleted(String jobId) {
    upstream.stubFor(
        get(urlPathEqualTo(statusPath(jobId)))
            .willReturn(
                json(
                    200,
                    "{\"status\":\"COMPLETED\",\"request_id\":\""
                        + jobId
                        + "\",\"logs\":[],\"metrics\":{\"inference_time\":61.2}}")));
  }

  @Override
  protected void stubPollSucceeded(String jobId, byte[] video) {
    stubCompleted(jobId);
    String url = upstream.baseUrl() + "/files/" + jobId + "/output.mp4";
    upstream.stubFor(
        get(urlPathEqualTo("/fal-ai/veo3.1/requests/" + jobId))
            .withHeader("Authorization", equalTo("Key fal-key-123"))
            .willReturn(
                json(
                    200,
                    "{\"video\":{\"url\":\""
                        + url
                        + "\",\"content_type\":\"video/mp4\",\"file_name\":\"output.mp4\","
                        + "\"file_size\":"
                        + video.length
                        + "}}")));
    upstream.stubFor(
        get("/files/" + jobId + "/output.mp4")
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(200).withBody(video)));
  }

  @Override
  protected void stubPollContentFiltered(String jobId) {
    stubCompleted(jobId);
    upstream.stubFor(
        get(urlPathEqualTo("/fal-ai/veo3.1/requests/" + jobId))
            .willReturn(
                json(
                        422,
                        "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"The content could"
                            + " not be processed because it contained material flagged by a"
                            + " content checker.\",\"type\":\"content_policy_violation\"}]}")
                    .withHeader("X-Fal-Retryable", "false")));
  }

  @Override
  protected void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer) {
    upstream.stubFor(get(urlPathEqualTo(statusPath(jobId))).willReturn(answer));
  }

  @Override
  protected void verifySubmitRequest() {
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/fal-ai/veo3.1"))
            .withHeader("Authorization", equalTo("Key fal-key-123"))
            .withQueryParam("fal_webhook", absent())
            .withRequestBody(
                equalToJson(
                    "{\"prompt\":\"a lighthouse at dawn, waves rolling in\","
                        + "\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\",\"duration\":\"8s\","
                        + "\"seed\":42}")));
  }

  @Override
  protected String errorBody(int status) {
    return "{\"detail\":\"stubbed failure " + status + "\"}";
  }

  // --- fal specifics ---

  private ProviderJob job(
      GenerationKind kind, String quality, List<InputImage> images, List<String> urls) {
    GenerationRequest request =
        new GenerationRequest(
            "veo-3-1",
            kind,
            "a fox in the snow",
            8,
            OutputSize.of(720, 1280),
            urls,
            quality,
            Routing.VALUE,
            null,
            Map.of());
    return new ProviderJob(
        "task_f", request, OutputSize.of(720, 1280), images, upstreamModel(), work);
  }

  private static InputImage image(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 3);
    return new InputImage(bytes, new ImageInfo(ImageFormat.WEBP, 720, 1280));
  }

  @Test
  void kindsAndTiersGoToTheirEndpoints() {
    upstream.stubFor(
        post(urlPathEqualTo("/fal-ai/veo3.1/fast/image-to-video"))
            .willReturn(json(200, queued("r1"))));
    upstream.stubFor(
        post(urlPathEqualTo("/fal-ai/veo3.1/first-last-frame-to-video"))
            .willReturn(json(200, queued("r2"))));
    upstream.stubFor(
        post(urlPathEqualTo("/fal-ai/veo3.1/reference-to-video"))
            .willReturn(json(200, queued("r3"))));
    VideoProvider provider =
        provider(
            Map.of("reference-images-path", "/reference-to-video", "fast-path", "/fast"), null);
    provider.submit(
        job(
            GenerationKind.IMAGE_TO_VIDEO,
            "fast",
            List.of(image(10)),
            List.of("https://img.example/a.webp")));
    provider.submit(
        job(
            GenerationKind.FIRST_AND_LAST_FRAMES,
            "quality",
            List.of(image(10), image(400 * 1024)),
            List.of("https://img.example/a.webp", "https://img.example/b.webp")));
    provider.submit(
        job(GenerationKind.REFERENCE_IMAGES, "quality", List.of(image(10), image(10)), List.of()));
    String small =
        "data:image/webp;base64," + Base64.getEncoder().encodeToString(image(10).bytes());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/fal-ai/veo3.1/fast/image-to-video"))
            .withRequestBody(matchingJsonPath("$.image_url", equalTo(small)))
            .withRequestBody(matchingJsonPath("$.aspect_ratio", equalTo("9:16"))));
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/fal-ai/veo3.1/first-last-frame-to-video"))
            .withRequestBody(matchingJsonPath("$.first_frame_url", equalTo(small)))
            .withRequestBody(
                matchingJsonPath("$.last_frame_url", equalTo("https://img.example/b.webp"))));
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/fal-ai/veo3.1/reference-to-video"))
            .withRequestBody(matchingJsonPath("$.image_urls[1]", equalTo(small))));
  }

  @Test
  void aTierWithoutAnEndpointForAKindCanBeRedirected() {
    upstream.stubFor(
        post(urlPathEqualTo("/fal-ai/veo3.1/reference-to-video"))
            .willReturn(json(200, queued("r11"))));
    provider(Map.of("fast-reference-images-path", "/reference-to-video"), null)
        .submit(job(GenerationKind.REFERENCE_IMAGES, "fast", List.of(image(10)), List.of()));
    upstream.verify(postRequestedFor(urlPathEqualTo("/fal-ai/veo3.1/reference-to-video")));
  }

  @Test
  void aMissingImageIsBadInputAndNothingIsSent() {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                provider()
                    .submit(job(GenerationKind.IMAGE_TO_VIDEO, "quality", List.of(), List.of())));
    assertThat(e.category()).isEqualTo(FailureCategory.BAD_INPUT);
    assertThat(e.code()).isEqualTo(FailureCode.INVALID_IMAGE_URL);
    assertThat(upstream.getAllServeEvents()).isEmpty();
  }

  @Test
  void aMalformedModelIdIsAChannelProblem() {
    ProviderJob job =
        new ProviderJob("t", job().request(), job().size(), List.of(), "veo3.1", work);
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job));
    assertThat(e.category()).isEqualTo(FailureCategory.INTERNAL);
  }

  @Test
  void aFirstFrameAloneIsImageToVideo() {
    upstream.stubFor(
        post(urlPathEqualTo("/fal-ai/veo3.1/image-to-video")).willReturn(json(200, queued("r4"))));
    provider()
        .submit(
            job(GenerationKind.FIRST_AND_LAST_FRAMES, "quality", List.of(image(10)), List.of()));
    upstream.verify(postRequestedFor(urlPathEqualTo("/fal-ai/veo3.1/image-to-video")));
  }

  @Test
  void aChannelWithKeysAsksForTheWebhook() {
    stubSubmitAccepted("r5");
    provider(Map.of("webhook-public-keys", rawKey(SIGNER)), HOOK).submit(job());
    upstream.verify(
        postRequestedFor(urlPathEqualTo("/fal-ai/veo3.1"))
            .withQueryParam("fal_webhook", equalTo(HOOK.toString())));
    assertThat(upstream.getAllServeEvents().get(0).getRequest().getUrl())
        .contains("fal_webhook=" + URLEncoder.encode(HOOK.toString(), StandardCharsets.UTF_8));
  }

  @Test
  void statusResultAndCancelUseTheAppPartOfTheEndpoint() {
    upstream.stubFor(
        get(urlPathEqualTo("/fal-ai/veo3.1/requests/r6/status"))
            .willReturn(json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":3}")));
    upstream.stubFor(
        put(urlPathEqualTo("/fal-ai/veo3.1/requests/r6/cancel"))
            .willReturn(json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}")));
    ProviderJob fastImage =
        new ProviderJob(
            "t",
            job().request(),
            job().size(),
            List.of(),
            "fal-ai/veo3.1/fast/image-to-video",
            work);
    assertThat(provider().poll(fastImage, "r6")).isInstanceOf(PollResult.Running.class);
    assertThat(provider().cancel(fastImage, "r6")).isTrue();
    upstream.verify(
        putRequestedFor(urlPathEqualTo("/fal-ai/veo3.1/requests/r6/cancel"))
            .withHeader("Authorization", equalTo("Key fal-key-123")));
    assertThat(FalProvider.app("workflows/someone/my-flow/run"))
        .isEqualTo("workflows/someone/my-flow");
  }

  @Test
  void cancellingAFinishedRequestIsFine() {
    upstream.stubFor(
        put(urlPathEqualTo("/fal-ai/veo3.1/requests/r7/cancel"))
            .willReturn(json(400, "{\"status\":\"ALREADY_COMPLETED\"}")));
    assertThat(provider().cancel(job(), "r7")).isTrue();
  }

  @Test
  void aModelFailureFollowsXFalRetryable() {
    stubCompleted("r8");
    upstream.stubFor(
        get(urlPathEqualTo("/fal-ai/veo3.1/requests/r8"))
            .willReturn(
                json(
                        500,
                        "{\"detail\":[{\"msg\":\"generation failed\",\"type\":\"internal_server_error\"}]}")
                    .withHeader("X-Fal-Retryable", "false")));
    ProviderException e = ((PollResult.Failed) provider().poll(job(), "r8")).error();
    assertThat(e.category()).isEqualTo(FailureCategory.UNAVAILABLE);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("generation failed");
  }

  @Test
  void aBadImageIsInvalidImageUrl() {
    stubCompleted("r9");
    upstream.stubFor(
        get(urlPathEqualTo("/fal-ai/veo3.1/requests/r9"))
            .willReturn(
                json(
                    422,
                    "{\"detail\":[{\"loc\":[\"body\",\"image_url\"],\"msg\":\"Image too small\",\"type\":\"image_too_small\"}]}")));
    ProviderException e = ((PollResult.Failed) provider().poll(job(), "r9")).error();
    assertThat(e.category()).isEqualTo(FailureCategory.BAD_INPUT);
    assertThat(e.code()).isEqualTo(FailureCode.INVALID_IMAGE_URL);
  }

  @Test
  void aRateLimitedResultCallIsRetriedNotFailed() {
    stubCompleted("r10");
    upstream.stubFor(
        get(urlPathEqualTo("/fal-ai/veo3.1/requests/r10"))
            .willReturn(json(429, "{\"detail\":\"slow down\"}").withHeader("Retry-After", "4")));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().poll(job(), "r10"));
    assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(4));
  }

  @Test
  void aContentViolationAtSubmitIsRejected() {
    stubSubmitAnswer(
        json(
            422,
            "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"flagged\",\"type\":\"content_policy_violation\"}]}"));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider().submit(job()));
    assertThat(e.code()).isEqualTo(FailureCode.CONTENT_VIOLATION);
    assertThat(e.isRetryable()).isFalse();
  }

  // --- webhooks ---

  static KeyPair newKeyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The base64url raw key, as the JWKS {@code x} value. */
  static String rawKey(KeyPair pair) {
    byte[] spki = pair.getPublic().getEncoded();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
  }

  static WebhookRequest signed(
      PrivateKey key, String requestId, String userId, long timestamp, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String message =
        requestId + "\n" + userId + "\n" + timestamp + "\n" + FalWebhookKeys.sha256Hex(bytes);
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(message.getBytes(StandardCharsets.UTF_8));
      Map<String, List<String>> headers = new HashMap<>();
      headers.put("X-Fal-Webhook-Request-Id", List.of(requestId));
      headers.put("X-Fal-Webhook-User-Id", List.of(userId));
      headers.put("X-Fal-Webhook-Timestamp", List.of(Long.toString(timestamp)));
      headers.put("X-Fal-Webhook-Signature", List.of(HexFormat.of().formatHex(signer.sign())));
      return new WebhookRequest(headers, bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private VideoProvider webhookProvider(String keys) {
    return provider(Map.of("webhook-public-keys", keys), HOOK);
  }

  private static String jwks(KeyPair... pairs) {
    StringBuilder keys = new StringBuilder();
    for (KeyPair p : pairs) {
      if (!keys.isEmpty()) {
        keys.append(',');
      }
      keys.append("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"use\":\"sig\",\"x\":\"")
          .append(rawKey(p))
          .append("\"}");
    }
    return "{\"keys\":[" + keys + "]}";
  }

  static final String OK_BODY =
      "{\"request_id\":\"r20\",\"gateway_request_id\":\"r20\",\"status\":\"OK\",\"payload\":"
          + "{\"video\":{\"url\":\"https://v3.fal.media/files/abc/out.mp4\",\"content_type\":\"video/mp4\"}}}";

  @Test
  void aSignedSuccessIsAnUpdate() {
    Optional<UpstreamUpdate> update =
        webhookProvider(jwks(OTHER, SIGNER))
            .parseWebhook(
                signed(SIGNER.getPrivate(), "r20", "user-1", NOW.getEpochSecond() - 10, OK_BODY));
    assertThat(update).isPresent();
    assertThat(update.get().upstreamJobId()).isEqualTo("r20");
    assertThat(((PollResult.Succeeded) update.get().result()).media().url())
        .isEqualTo(URI.create("https://v3.fal.media/files/abc/out.mp4"));
  }

  @Test
  void aSignedErrorCarriesTheModelsReason() {
    String body =
        "{\"request_id\":\"r21\",\"gateway_request_id\":\"r21\",\"status\":\"ERROR\","
            + "\"error\":\"Invalid status code: 422\",\"payload\":{\"detail\":[{\"loc\":[\"body\",\"prompt\"],"
            + "\"msg\":\"flagged\",\"type\":\"content_policy_violation\"}]}}";
    UpstreamUpdate update =
        webhookProvider(rawKey(SIGNER))
            .parseWebhook(signed(SIGNER.getPrivate(), "r21", "user-1", NOW.getEpochSecond(), body))
            .orElseThrow();
    ProviderException e = ((PollResult.Failed) update.result()).error();
    assertThat(e.code()).isEqualTo(FailureCode.CONTENT_VIOLATION);
    String other =
        "{\"request_id\":\"r22\",\"status\":\"ERROR\",\"error\":\"Invalid status code: 422\","
            + "\"payload\":{\"detail\":\"duration must be 8s\"}}";
    ProviderException bad =
        ((PollResult.Failed)
                webhookProvider(rawKey(SIGNER))
                    .parseWebhook(
                        signed(SIGNER.getPrivate(), "r22", "u", NOW.getEpochSecond(), other))
                    .orElseThrow()
                    .result())
            .error();
    assertThat(bad.category()).isEqualTo(FailureCategory.BAD_INPUT);
    assertThat(bad.isRetryable()).isFalse();
  }

  @Test
  void aSuccessWithoutPayloadIsLeftToPolling() {
    String body =
        "{\"request_id\":\"r23\",\"status\":\"OK\",\"payload\":null,"
            + "\"payload_error\":\"Response payload too large\"}";
    assertThat(
            webhookProvider(rawKey(SIGNER))
                .parseWebhook(signed(SIGNER.getPrivate(), "r23", "u", NOW.getEpochSecond(), body)))
        .isEmpty();
  }

  @Test
  void anUnknownKeyATamperedBodyOrAStaleTimestampIsRejected() {
    VideoProvider provider = webhookProvider(rawKey(SIGNER));
    assertThatThrownBy(
            () ->
                provider.parseWebhook(
                    signed(OTHER.getPrivate(), "r20", "u", NOW.getEpochSecond(), OK_BODY)))
        .isInstanceOf(InvalidWebhookException.class);
    WebhookRequest good = signed(SIGNER.getPrivate(), "r20", "u", NOW.getEpochSecond(), OK_BODY);
    WebhookRequest tampered =
        new WebhookRequest(
            good.headers(), OK_BODY.replace("abc", "evil").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> provider.parseWebhook(tampered))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(
            () ->
                provider.parseWebhook(
                    signed(SIGNER.getPrivate(), "r20", "u", NOW.getEpochSecond() - 301, OK_BODY)))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("5 minutes");
    assertThat(provider.parseWebhook(good)).isPresent();
  }

  @Test
  void aPinnedUserIdMustMatch() {
    VideoProvider provider =
        provider(Map.of("webhook-public-keys", rawKey(SIGNER), "webhook-user-id", "user-1"), HOOK);
    assertThatThrownBy(
            () ->
                provider.parseWebhook(
                    signed(SIGNER.getPrivate(), "r20", "user-2", NOW.getEpochSecond(), OK_BODY)))
        .isInstanceOf(InvalidWebhookException.class);
    assertThat(
            provider.parseWebhook(
                signed(SIGNER.getPrivate(), "r20", "user-1", NOW.getEpochSecond(), OK_BODY)))
        .isPresent();
  }

  @Test
  void badKeyOptionsAreRefusedWhenTheChannelIsMade() {
    assertThatThrownBy(() -> webhookProvider("not-a-key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64url");
    assertThatThrownBy(() -> webhookProvider("c2hvcnQta2V5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> webhookProvider("{\"keys\":[]}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(provider().acceptsWebhooks()).isFalse();
    assertThatThrownBy(
            () ->
                provider()
                    .parseWebhook(
                        signed(SIGNER.getPrivate(), "r", "u", NOW.getEpochSecond(), "{}")))
        .isInstanceOf(InvalidWebhookException.class);
  }
}
