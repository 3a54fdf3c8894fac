package io.reelgate.server.api.pixazo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelgate.server.support.Http;
import io.reelgate.server.support.Mp4Info;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the Pixazo ITs share beyond the test support: the key header, status polling and the check
 * of the videos that come out.
 */
final class PixazoKit {
  static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";

  private PixazoKit() {}

  /**
   * Polls the status URL until the task is terminal, checking on every read that the answer is
   * well-formed for its status and that the status never goes back.
   *
   * @return the terminal status object
   */
  static JsonNode awaitTerminal(String statusUrl, String key, Duration timeout) {
    List<String> seen = new ArrayList<>();
    return await("a terminal status at " + statusUrl)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> checkedRead(statusUrl, key, seen), s -> isTerminal(s, seen));
  }

  /** Reads the status once and checks that it is well-formed for its status. */
  private static JsonNode checkedRead(String statusUrl, String key, List<String> seen) {
    Http.Response r = Http.send("GET", statusUrl, null, KEY_HEADER, key);
    assertThat(r.status()).as("status read %s: %s", statusUrl, r.text()).isEqualTo(200);
    JsonNode s = r.json();
    String status = s.get("status").stringValue();
    if (seen.isEmpty() || !seen.getLast().equals(status)) {
      seen.add(status);
    }
    return s;
  }

  private static boolean isTerminal(JsonNode s, List<String> seen) {
    String status = s.get("status").stringValue();
    List<String> order = List.of("QUEUED", "PROCESSING", "COMPLETED");
    switch (status) {
      case "QUEUED", "PROCESSING" -> {
        assertThat(s.get("output").isNull()).as("output while %s", status).isTrue();
        assertThat(s.get("completed_at").isNull()).as("completed_at while %s", status).isTrue();
        assertThat(s.get("error").isNull()).isTrue();
        return false;
      }
      case "COMPLETED", "FAILED", "ERROR" -> {
        for (int i = 1; i < seen.size(); i++) {
          int before = order.indexOf(seen.get(i - 1));
          int after = order.indexOf(seen.get(i));
          assertThat(after < 0 || after > before).as("statuses went %s", seen).isTrue();
        }
        return true;
      }
      default -> throw new AssertionError("unknown status " + status + " in " + s);
    }
  }

  /** Downloads {@code url} and checks that it is an H.264 MP4 of the given size and length. */
  static Mp4Info.VideoTrack assertVideo(String url, int width, int height, int seconds) {
    Http.Response video = Http.send("GET", url, null);
    assertThat(video.status()).as("download %s", url).isEqualTo(200);
    assertThat(Mp4Info.parse(video.body()).topLevelBoxes()).first().isEqualTo("ftyp");
    Mp4Info.VideoTrack mp4 = Mp4Info.VideoTrack.demux(video.body());
    assertThat(mp4.width()).as("width of %s", mp4).isEqualTo(width);
    assertThat(mp4.height()).as("height of %s", mp4).isEqualTo(height);
    assertThat(mp4.seconds()).as("duration of %s", mp4).isBetween(seconds - 0.1, seconds + 0.1);
    assertThat(mp4.codec()).isEqualTo("H264");
    return mp4;
  }
}
