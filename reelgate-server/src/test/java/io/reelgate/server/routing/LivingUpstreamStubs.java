package io.reelgate.server.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One WireMock server speaking the seven living upstream protocols, each channel under its own
 * prefix {@code /c/<channel>} (its base URL), in the shapes the providers' contract tests pin (and
 * docs/providers.md cites): submit, status in each state, the video download, and the callbacks
 * each upstream pushes. A job is named after a marker in its prompt, so every test has its own
 * jobs.
 */
final class LivingUpstreamStubs {

  /** The protocols, with the upstream model their channels map to. */
  enum Protocol {
    KLING("kling", "kling-v2-6"),
    SEEDANCE("seedance", "seedance-1-0-pro-250528"),
    MINIMAX("minimax", "MiniMax-Hailuo-02"),
    WAN("wan", "wan2.5-t2v-preview"),
    OPENROUTER("openrouter", "google/veo-3.1"),
    RUNWAY("runway", "gen4.5"),
    LUMA("luma", "ray-2");

    final String id;
    final String upstreamModel;

    Protocol(String id, String upstreamModel) {
      this.id = id;
      this.upstreamModel = upstreamModel;
    }

    /** Whether the upstream pushes job updates to the gateway. */
    boolean pushes() {
      return this != WAN && this != RUNWAY;
    }
  }

  static final String KLING_SECRET = "kling-secret";
  static final String OPENROUTER_SECRET = "or-signing-secret";

  private final WireMockServer server;
  private final byte[] video;

  LivingUpstreamStubs(WireMockServer server, byte[] video) {
    this.server = server;
    this.video = video;
  }

  String baseUrl(String channel) {
    return server.baseUrl() + "/c/" + channel;
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** The channel's upstream accepts a job whose prompt contains {@code job} and names it so. */
  void accepts(Protocol p, String channel, String job) {
    String c = "/c/" + channel;
    var answer =
        switch (p) {
          case KLING ->
              post(c + "/v1/videos/text2video").willReturn(json(200, kling(job, "submitted", "")));
          case SEEDANCE ->
              post(c + "/contents/generations/tasks")
                  .willReturn(json(200, "{\"id\":\"" + job + "\"}"));
          case MINIMAX ->
              post(c + "/v1/video_generation")
                  .willReturn(json(200, "{\"task_id\":\"" + job + "\"," + MINIMAX_OK + "}"));
          case WAN ->
              post(c + "/services/aigc/video-generation/video-synthesis")
                  .willReturn(json(200, wan(job, "PENDING", "")));
          case OPENROUTER ->
              post(c + "/videos").willReturn(json(202, openRouter(job, "pending", "")));
          case RUNWAY ->
              post(c + "/v1/text_to_video").willReturn(json(200, "{\"id\":\"" + job + "\"}"));
          case LUMA ->
              post(c + "/generations/video").willReturn(json(201, luma(job, "queued", "")));
        };
    server.stubFor(answer.withRequestBody(containing(job)));
  }

  /** The channel's upstream answers every submit with {@code answer}. */
  void submitAnswers(Protocol p, String channel, ResponseDefinitionBuilder answer) {
    String c = "/c/" + channel;
    String path =
        switch (p) {
          case KLING -> c + "/v1/videos/text2video";
          case SEEDANCE -> c + "/contents/generations/tasks";
          case MINIMAX -> c + "/v1/video_generation";
          case WAN -> c + "/services/aigc/video-generation/video-synthesis";
          case OPENROUTER -> c + "/videos";
          case RUNWAY -> c + "/v1/text_to_video";
          case LUMA -> c + "/generations/video";
        };
    server.stubFor(post(path).willReturn(answer));
  }

  /** The job is queued or running. */
  void running(Protocol p, String channel, String job) {
    status(
        p,
        channel,
        job,
        switch (p) {
          case KLING -> kling(job, "processing", "");
          case SEEDANCE -> seedance(job, "running", "");
          case MINIMAX -> minimax(job, "Processing", "");
          case WAN -> wan(job, "RUNNING", "");
          case OPENROUTER -> openRouter(job, "in_progress", "");
          case RUNWAY -> runway(job, "RUNNING", ",\"progress\":0.4");
          case LUMA -> luma(job, "dreaming", "");
        });
  }

  /** The job finished; its video (this stub's MP4) is served where the upstream says. */
  void succeeded(Protocol p, String channel, String job) {
    String c = "/c/" + channel;
    String file = c + "/cdn/" + job + ".mp4";
    String url = server.baseUrl() + file;
    switch (p) {
      case KLING ->
          status(
              p,
              channel,
              job,
              kling(
                  job,
                  "succeed",
                  ",\"task_result\":{\"videos\":[{\"id\":\"v1\",\"url\":\""
                      + url
                      + "\",\"duration\":\"5.1\"}]}"));
      case SEEDANCE ->
          status(
              p,
              channel,
              job,
              seedance(job, "succeeded", ",\"content\":{\"video_url\":\"" + url + "\"}"));
      case MINIMAX -> {
        String fileId = fileIdOf(job);
        status(
            p,
            channel,
            job,
            minimax(
                job,
                "Success",
                ",\"file_id\":\"" + fileId + "\",\"video_width\":1280,\"video_height\":720"));
        server.stubFor(
            get(urlPathEqualTo(c + "/v1/files/retrieve"))
                .withQueryParam("file_id", equalTo(fileId))
                .willReturn(
                    json(
                        200,
                        "{\"file\":{\"file_id\":"
                            + fileId
                            + ",\"bytes\":0,\"filename\":\"output_aigc.mp4\",\"purpose\":"
                            + "\"video_generation\",\"download_url\":\""
                            + url
                            + "\"},"
                            + MINIMAX_OK
                            + "}")));
      }
      case WAN -> status(p, channel, job, wan(job, "SUCCEEDED", ",\"video_url\":\"" + url + "\""));
      case OPENROUTER -> {
        status(
            p,
            channel,
            job,
            openRouter(
                job,
                "completed",
                ",\"unsigned_urls\":[\"https://openrouter.ai/api/v1/videos/"
                    + job
                    + "/content?index=0\"],\"usage\":{\"cost\":0.5}"));
        file = c + "/videos/" + job + "/content";
      }
      case RUNWAY ->
          status(p, channel, job, runway(job, "SUCCEEDED", ",\"output\":[\"" + url + "\"]"));
      case LUMA ->
          status(
              p, channel, job, luma(job, "completed", ",\"assets\":{\"video\":\"" + url + "\"}"));
    }
    server.stubFor(
        get(urlPathEqualTo(file))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "video/mp4")
                    .withBody(video)));
  }

  /** The upstream's content filter stopped the job after generation. */
  void contentFiltered(Protocol p, String channel, String job) {
    status(
        p,
        channel,
        job,
        switch (p) {
          case KLING ->
              kling(
                  job,
                  "failed",
                  ",\"task_status_msg\":\"Failure to pass the risk control system: content"
                      + " security policy\"");
          case SEEDANCE ->
              seedance(
                  job,
                  "failed",
                  ",\"error\":{\"code\":\"OutputVideoSensitiveContentDetected\",\"message\":\"The"
                      + " output video may contain sensitive information.\"}");
          case MINIMAX ->
              "{\"task_id\":\""
                  + job
                  + "\",\"status\":\"Fail\",\"base_resp\":{\"status_code\":0,\"status_msg\":"
                  + "\"output video sensitive\"}}";
          case WAN ->
              wan(
                  job,
                  "FAILED",
                  ",\"code\":\"DataInspectionFailed\",\"message\":\"Output data may contain"
                      + " inappropriate content.\"");
          case OPENROUTER ->
              openRouter(
                  job,
                  "failed",
                  ",\"error\":\"The prompt was rejected by the provider's safety filter\"");
          case RUNWAY ->
              runway(
                  job,
                  "FAILED",
                  ",\"failure\":\"Output was flagged by our content moderation.\","
                      + "\"failureCode\":\"SAFETY.OUTPUT.VIDEO\"");
          case LUMA ->
              luma(
                  job,
                  "failed",
                  ",\"failure_reason\":\"Prompt not allowed because it failed moderation\"");
        });
  }

  /** The body of the callback the upstream pushes when the job finished successfully. */
  static String finishedCallback(Protocol p, String job) {
    return switch (p) {
      case KLING -> "{\"task_id\":\"" + job + "\",\"task_status\":\"succeed\"}";
      case SEEDANCE -> "{\"id\":\"" + job + "\",\"status\":\"succeeded\"}";
      case MINIMAX -> "{\"task_id\":\"" + job + "\",\"status\":\"success\"}";
      case OPENROUTER ->
          "{\"type\":\"video.generation.completed\",\"created_at\":\"2026-11-21T10:00:00Z\","
              + "\"data\":{\"id\":\""
              + job
              + "\",\"status\":\"completed\",\"unsigned_urls\":[\"https://openrouter.ai/api/v1/"
              + "videos/"
              + job
              + "/content?index=0\"]}}";
      case LUMA -> "{\"id\":\"" + job + "\",\"state\":\"completed\"}";
      case WAN, RUNWAY -> throw new IllegalArgumentException(p + " pushes nothing");
    };
  }

  /** OpenRouter's {@code X-OpenRouter-Signature} of a body, as its sender writes it. */
  static String openRouterSignature(String secret, long epochSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal((epochSeconds + "," + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(sig);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void status(Protocol p, String channel, String job, String body) {
    String c = "/c/" + channel;
    var request =
        switch (p) {
          case KLING -> get(urlPathEqualTo(c + "/v1/videos/text2video/" + job));
          case SEEDANCE -> get(urlPathEqualTo(c + "/contents/generations/tasks/" + job));
          case MINIMAX ->
              get(urlPathEqualTo(c + "/v1/query/video_generation"))
                  .withQueryParam("task_id", equalTo(job));
          case WAN -> get(urlPathEqualTo(c + "/tasks/" + job));
          case OPENROUTER -> get(urlPathEqualTo(c + "/videos/" + job));
          case RUNWAY -> get(urlPathEqualTo(c + "/v1/tasks/" + job));
          case LUMA -> get(urlPathEqualTo(c + "/generations/" + job));
        };
    server.stubFor(request.willReturn(json(200, body)));
  }

  /** Luma deletes a generation when asked (the gateway's cancel). */
  void deletes(String channel, String job) {
    server.stubFor(
        WireMock.delete(urlPathEqualTo("/c/" + channel + "/generations/" + job))
            .willReturn(aResponse().withStatus(204)));
  }

  private static final String MINIMAX_OK =
      "\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}";

  private static String fileIdOf(String job) {
    return Long.toString(100_000_000L + Math.abs((long) job.hashCode()));
  }

  private static String kling(String id, String status, String extra) {
    return "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r1\",\"data\":{\"task_id\":\""
        + id
        + "\",\"task_status\":\""
        + status
        + "\",\"created_at\":1766374262370,\"updated_at\":1766374262370"
        + extra
        + "}}";
  }

  private static String seedance(String id, String status, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"model\":\"seedance-1-0-pro-250528\",\"status\":\""
        + status
        + "\",\"created_at\":1779348818,\"updated_at\":1779348874"
        + extra
        + "}";
  }

  private static String minimax(String id, String status, String extra) {
    return "{\"task_id\":\""
        + id
        + "\",\"status\":\""
        + status
        + "\""
        + extra
        + ","
        + MINIMAX_OK
        + "}";
  }

  private static String wan(String id, String status, String extra) {
    return "{\"request_id\":\"r1\",\"output\":{\"task_id\":\""
        + id
        + "\",\"task_status\":\""
        + status
        + "\",\"submit_time\":\"2026-11-21 09:59:00.000\""
        + extra
        + "}}";
  }

  private static String openRouter(String id, String status, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"polling_url\":\"/api/v1/videos/"
        + id
        + "\",\"status\":\""
        + status
        + "\""
        + extra
        + "}";
  }

  private static String runway(String id, String status, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"createdAt\":\"2026-11-21T09:59:00.000Z\",\"status\":\""
        + status
        + "\""
        + extra
        + "}";
  }

  private static String luma(String id, String state, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"generation_type\":\"video\",\"state\":\""
        + state
        + "\",\"model\":\"ray-2\",\"created_at\":\"2026-11-21T09:59:00Z\""
        + extra
        + "}";
  }
}
