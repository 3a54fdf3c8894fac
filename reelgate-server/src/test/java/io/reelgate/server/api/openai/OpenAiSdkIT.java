package io.reelgate.server.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Http;
import io.reelgate.server.support.Mp4Info;
import io.reelgate.server.support.NodeScripts;
import io.reelgate.server.support.ServerTest;
import io.reelgate.server.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official {@code openai} npm package drives {@code /v1/videos} as a client, exactly as an
 * application written for OpenAI's Videos API would after changing the base URL and the key: it
 * creates from text and from an uploaded image, polls to {@code completed}, downloads the video and
 * the thumbnail, lists, remixes, deletes, and gets the SDK's typed errors. The script and its
 * locked dependencies are in {@code src/test/node/openai-sdk}; {@code npm ci} installs them.
 * Without npm the test is skipped, except on CI, where it fails.
 */
class OpenAiSdkIT extends ServerTest {
  static final Path SOURCE = Path.of("src", "test", "node", "openai-sdk");
  static final Path WORK = Path.of("target", "openai-sdk").toAbsolutePath();

  @Test
  void theOfficialNodeSdkDrivesVideosEndToEnd() throws Exception {
    requireNpm();
    Files.createDirectories(WORK);
    for (String name : List.of("package.json", "package-lock.json", "videos.mjs")) {
      Files.copy(SOURCE.resolve(name), WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
    Path image = WORK.resolve("frame.png");
    Files.write(image, TestImages.png(1280, 720));
    Path out = Files.createDirectories(WORK.resolve("out"));
    String output =
        run(
            List.of("node", "videos.mjs"),
            Map.of(
                "REELGATE_BASE_URL",
                base() + "/v1",
                "REELGATE_API_KEY",
                API_KEY,
                "REELGATE_IMAGE",
                image.toString(),
                "REELGATE_OUT",
                out.toString()),
            420);
    Map<String, JsonNode> steps = new HashMap<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("{")) {
        JsonNode step = Http.JSON.readTree(line);
        steps.put(step.get("step").stringValue(), step);
      }
    }
    assertThat(steps).as(output).containsKey("done");

    JsonNode text = steps.get("create-text").get("video");
    assertThat(text.get("object").stringValue()).isEqualTo("video");
    assertThat(text.get("status").stringValue()).isEqualTo("queued");
    assertThat(text.get("model").stringValue()).isEqualTo("sora-2");
    assertThat(text.get("seconds").stringValue()).isEqualTo("4");
    assertThat(text.get("id").stringValue()).startsWith("video_");
    JsonNode done = steps.get("completed");
    assertThat(done.get("text").get("status").stringValue()).isEqualTo("completed");
    assertThat(done.get("text").get("progress").asInt()).isEqualTo(100);
    assertThat(done.get("image").get("status").stringValue()).isEqualTo("completed");
    assertThat(done.get("image").get("model").stringValue()).isEqualTo("sora-2-pro");

    assertVideo(out.resolve("text.mp4"), 1280, 720, 4);
    assertVideo(out.resolve("image.mp4"), 1280, 720, 4);
    JsonNode thumbnail = steps.get("download-thumbnail");
    assertThat(thumbnail.get("contentType").stringValue()).isEqualTo("image/jpeg");
    assertThat(thumbnail.get("bytes").asInt()).isPositive();
    assertThat(steps.get("spritesheet").get("error").stringValue()).isEqualTo("NotFoundError");

    JsonNode list = steps.get("list");
    assertThat(list.get("first").size()).isEqualTo(1);
    assertThat(list.get("hasMore").booleanValue()).isTrue();
    List<String> walked = new ArrayList<>();
    list.get("walked").values().forEach(v -> walked.add(v.stringValue()));
    assertThat(walked)
        .contains(
            text.get("id").stringValue(),
            steps.get("create-image").get("video").get("id").stringValue());

    JsonNode remix = steps.get("remix");
    assertThat(remix.get("video").get("remixed_from_video_id").stringValue())
        .isEqualTo(text.get("id").stringValue());
    assertThat(remix.get("done").get("status").stringValue()).isEqualTo("completed");
    JsonNode delete = steps.get("delete");
    assertThat(delete.get("deleted").get("deleted").booleanValue()).isTrue();
    assertThat(delete.get("deleted").get("object").stringValue()).isEqualTo("video.deleted");
    assertThat(delete.get("retrieve").get("error").stringValue()).isEqualTo("NotFoundError");

    JsonNode seconds = steps.get("bad-seconds");
    assertThat(seconds.get("error").stringValue()).isEqualTo("BadRequestError");
    assertThat(seconds.get("param").stringValue()).isEqualTo("seconds");
    assertThat(steps.get("wrong-key").get("error").stringValue()).isEqualTo("AuthenticationError");
    List<String> models = new ArrayList<>();
    steps.get("models").get("models").values().forEach(v -> models.add(v.stringValue()));
    assertThat(models).contains("sora-2", "sora-2-pro", "veo-3-1");
  }

  static void assertVideo(Path file, int width, int height, int seconds) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Mp4Info.VideoTrack mp4 = Mp4Info.VideoTrack.demux(bytes);
    assertThat(mp4.codec()).isEqualTo("H264");
    assertThat(mp4.width()).isEqualTo(width);
    assertThat(mp4.height()).isEqualTo(height);
    assertThat(mp4.seconds()).isBetween(seconds - 0.1, seconds + 0.1);
  }

  /** Skips without npm on a developer's machine; CI installs it, so there it must be found. */
  static void requireNpm() throws InterruptedException {
    NodeScripts.requireNpm("the official SDK test");
  }

  static String run(List<String> command, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    return NodeScripts.run(WORK, command, env, seconds);
  }
}
