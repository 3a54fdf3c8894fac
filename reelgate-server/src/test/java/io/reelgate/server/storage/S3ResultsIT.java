package io.reelgate.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.S3Server;
import io.reelgate.server.support.ServerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The server with results in an S3-compatible store (S3Proxy, started here): results are stored in
 * the bucket, nothing of them stays on the node's disk, and the signed URL and the OpenAI {@code
 * /content} endpoint stream them from the store, {@code Range} requests included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class S3ResultsIT {
  static final String KEY = "rg_test_s3_results_0123456789";
  static final S3Server S3 = S3Server.start();
  static final Path DATA_DIR = ServerTest.tempDataDir("reelgate-s3");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA_DIR, KEY);
    S3.properties().forEach((name, value) -> r.add(name, () -> value));
  }

  @AfterAll
  static void stop() throws Exception {
    S3.close();
  }

  String base() {
    return "http://localhost:" + port;
  }

  @Test
  void aResultIsStoredInTheBucketOnlyAndServedFromItWithRanges() throws Exception {
    String id = Apixo.submit(base(), KEY, "sora-2", Apixo.sora("a lighthouse in the fog"));
    JsonNode done = Apixo.finished(base(), KEY, "sora-2", id, 120);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");

    assertThat(S3.keys()).contains(id + "/video.mp4", id + "/poster.jpg");
    assertThat(resultFilesOnDisk()).as("result files left on the node's disk").isEmpty();

    String url =
        Http.JSON
            .readTree(done.get("resultJson").stringValue())
            .get("resultUrls")
            .get(0)
            .stringValue();
    Http.Response whole = Http.send("GET", url, null);
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.header("content-type")).isEqualTo("video/mp4");
    byte[] video = whole.body();
    assertThat(new String(video, 4, 4)).isEqualTo("ftyp");

    Http.Response part = Http.send("GET", url, null, "Range", "bytes=100-1123");
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.header("content-range")).isEqualTo("bytes 100-1123/" + video.length);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(video, 100, 1124));

    Http.Response tail = Http.send("GET", url, null, "Range", "bytes=-10");
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(video, video.length - 10, video.length));

    Http.Response content =
        Http.send(
            "GET",
            base() + "/v1/videos/" + id + "/content",
            null,
            "Authorization",
            "Bearer " + KEY,
            "Range",
            "bytes=0-99");
    assertThat(content.status()).isEqualTo(206);
    assertThat(content.body()).isEqualTo(Arrays.copyOf(video, 100));

    Http.Response forged = Http.send("GET", url.replaceAll("sig=[^&]+", "sig=forged"), null);
    assertThat(forged.status()).isEqualTo(403);
  }

  private static java.util.List<Path> resultFilesOnDisk() throws IOException {
    try (Stream<Path> files = Files.walk(DATA_DIR)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".mp4") || f.toString().endsWith(".jpg"))
          .toList();
    }
  }
}
