package io.reelgate.server.api.apixo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.Mp4Info;
import io.reelgate.server.support.ServerTest;
import io.reelgate.server.support.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every curl example of the three APIXO seed pages, with only the host, the key and the example.com
 * image/callback URLs changed, end to end: the success envelope, pending → processing → success,
 * and an H.264 MP4 of the requested dimensions and duration.
 */
class ApixoSeedExamplesIT extends ServerTest {
  static final TestImages images = new TestImages();

  record Example(String model, String body, int width, int height, double seconds) {}

  @AfterAll
  static void stop() {
    images.close();
  }

  List<Example> examples() {
    String ref =
        images.serve(
            "/reference_image.jpg", TestImages.image(1280, 720, "jpg", Color.ORANGE, Color.BLUE));
    String soraRef =
        images.serve("/ref.jpg", TestImages.image(720, 1280, "jpg", Color.PINK, Color.DARK_GRAY));
    String start =
        images.serve(
            "/frame_start.jpg", TestImages.image(720, 1280, "jpg", Color.CYAN, Color.BLUE));
    String end =
        images.serve(
            "/frame_end.jpg", TestImages.image(720, 1280, "jpg", Color.DARK_GRAY, Color.BLACK));
    String ref1 =
        images.serve("/ref1.jpg", TestImages.image(1024, 768, "jpg", Color.RED, Color.YELLOW));
    String ref2 =
        images.serve("/ref2.jpg", TestImages.image(800, 800, "png", Color.GREEN, Color.MAGENTA));
    String callback = images.url("/callback");
    return List.of(
        new Example(
            "sora-2-pro",
            """
            {
              "request_type": "async",
              "provider": "official",
              "input": {
                "mode": "text-to-video",
                "prompt": "a cinematic tracking shot of a futuristic city with flying cars",
                "duration": 8,
                "size": "1280*720"
              }
            }""",
            1280,
            720,
            8),
        new Example(
            "sora-2-pro",
            """
            {
              "request_type": "callback",
              "callback_url": "%s",
              "provider": "official",
              "input": {
                "mode": "image-to-video",
                "prompt": "make this image come alive with subtle motion",
                "duration": 12,
                "resolution": "1080p",
                "image_urls": [
                  "%s"
                ]
              }
            }"""
                .formatted(callback, ref),
            1920,
            1080,
            12),
        new Example(
            "sora-2",
            """
            {
              "request_type": "async",
              "provider": "official",
              "input": {
                "mode": "text-to-video",
                "prompt": "a cinematic flyover of a futuristic city at sunrise, golden hour lighting, slow camera movement revealing towering skyscrapers with holographic advertisements",
                "duration": 12,
                "aspect_ratio": "landscape",
                "remove_watermark": true
              }
            }""",
            1280,
            720,
            12),
        new Example(
            "sora-2",
            """
            {
              "request_type": "callback",
              "callback_url": "%s",
              "provider": "official",
              "input": {
                "mode": "image-to-video",
                "prompt": "extend this scene into a smooth camera pan with dramatic lighting, the character slowly turns to face the camera with emotional expression",
                "duration": 8,
                "aspect_ratio": "portrait",
                "image_urls": ["%s"],
                "remove_watermark": true
              }
            }"""
                .formatted(callback, soraRef),
            720,
            1280,
            8),
        new Example(
            "veo-3-1",
            """
            {
              "request_type": "async",
              "input": {
                "mode": "quality",
                "prompt": "a cinematic flyover of a futuristic city at sunrise",
                "generationType": "TEXT_2_VIDEO",
                "aspect_ratio": "16:9"
              }
            }""",
            1280,
            720,
            8),
        new Example(
            "veo-3-1",
            """
            {
              "request_type": "callback",
              "callback_url": "%s",
              "input": {
                "mode": "quality",
                "prompt": "a calm ocean turning into a storm",
                "generationType": "FIRST_AND_LAST_FRAMES_2_VIDEO",
                "image_urls": [
                  "%s",
                  "%s"
                ],
                "aspect_ratio": "9:16"
              }
            }"""
                .formatted(callback, start, end),
            720,
            1280,
            8),
        new Example(
            "veo-3-1",
            """
            {
              "request_type": "async",
              "input": {
                "mode": "fast",
                "prompt": "turn this sequence into a dynamic action shot",
                "generationType": "REFERENCE_2_VIDEO",
                "image_urls": [
                  "%s",
                  "%s"
                ],
                "aspect_ratio": "16:9"
              }
            }"""
                .formatted(ref1, ref2),
            1280,
            720,
            8));
  }

  @Test
  void everySeedExampleRendersTheRequestedVideo() throws Exception {
    Map<String, Example> submitted = new LinkedHashMap<>();
    for (Example example : examples()) {
      Http.Response r =
          Http.send(
              "POST",
              base() + "/api/v1/generateTask/" + example.model(),
              example.body(),
              "Authorization",
              "Bearer " + API_KEY,
              "Content-Type",
              "application/json");
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      JsonNode json = r.json();
      assertThat(json.get("code").intValue()).isEqualTo(200);
      assertThat(json.get("message").stringValue()).isEqualTo("success");
      String taskId = json.get("data").get("taskId").stringValue();
      assertThat(taskId).startsWith("task_");
      submitted.put(taskId, example);
    }

    for (Map.Entry<String, Example> entry : submitted.entrySet()) {
      String taskId = entry.getKey();
      Example example = entry.getValue();
      List<String> states = new ArrayList<>();
      JsonNode data =
          await("task " + taskId + " to end")
              .atMost(Duration.ofSeconds(300))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> {
                    Http.Response r =
                        Http.send(
                            "GET",
                            base() + "/api/v1/statusTask/" + example.model() + "?taskId=" + taskId,
                            null,
                            "Authorization",
                            "Bearer " + API_KEY);
                    assertThat(r.status()).isEqualTo(200);
                    JsonNode d = r.json().get("data");
                    String state = d.get("state").stringValue();
                    if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                      states.add(state);
                    }
                    return d;
                  },
                  Apixo::ended);
      assertThat(states).as("states of " + taskId + ": " + data).endsWith("success");
      assertThat(List.of("pending", "processing", "success")).containsSubsequence(states);
      assertThat(data.get("createTime").longValue()).isPositive();
      assertThat(data.get("costTime").longValue())
          .isEqualTo(data.get("completeTime").longValue() - data.get("createTime").longValue());
      JsonNode result = Http.JSON.readTree(data.get("resultJson").stringValue());
      String url = result.get("resultUrls").get(0).stringValue();

      Http.Response video = Http.send("GET", url, null);
      assertThat(video.status()).isEqualTo(200);
      assertThat(video.headers().get("content-type")).contains("video/mp4");
      Mp4Info info = Mp4Info.parse(video.body());
      assertThat(info.codec()).isEqualTo("avc1");
      assertThat(info.width()).isEqualTo(example.width());
      assertThat(info.height()).isEqualTo(example.height());
      assertThat(info.durationSeconds())
          .isCloseTo(example.seconds(), org.assertj.core.data.Offset.offset(0.1));
      ffprobe(video.body(), example);
    }
  }

  @Test
  void resultDownloadsHonourRangeRequests() {
    Http.Response r =
        Http.send(
            "POST",
            base() + "/api/v1/generateTask/sora-2",
            """
            {"input": {"mode": "text-to-video", "prompt": "range test", "duration": 4}}""",
            "Authorization",
            "Bearer " + API_KEY);
    String taskId = r.json().get("data").get("taskId").stringValue();
    JsonNode data = ApixoAwait.success(base(), "sora-2", taskId);
    String url =
        Http.JSON
            .readTree(data.get("resultJson").stringValue())
            .get("resultUrls")
            .get(0)
            .stringValue();
    Http.Response part = Http.send("GET", url, null, "Range", "bytes=0-99");
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.body()).hasSize(100);
    assertThat(Http.send("GET", url.replaceAll("sig=[^&]+", "sig=forged"), null).status())
        .isEqualTo(403);
  }

  /** When ffprobe is installed (CI installs it), it must agree, as an independent decoder. */
  private static void ffprobe(byte[] video, Example example) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/ffprobe"))) {
      System.out.println("ffprobe not installed: the independent MP4 check is skipped");
      return;
    }
    Path file = Files.createTempFile("reelgate", ".mp4");
    Files.write(file, video);
    Process p =
        new ProcessBuilder(
                "/usr/bin/ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name,width,height:format=duration",
                "-of",
                "default=noprint_wrappers=1",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    assertThat(out)
        .contains("codec_name=h264")
        .contains("width=" + example.width())
        .contains("height=" + example.height());
    double duration = Double.parseDouble(out.replaceAll("(?s).*duration=([0-9.]+).*", "$1"));
    assertThat(duration).isCloseTo(example.seconds(), org.assertj.core.data.Offset.offset(0.1));
    Files.delete(file);
  }
}
