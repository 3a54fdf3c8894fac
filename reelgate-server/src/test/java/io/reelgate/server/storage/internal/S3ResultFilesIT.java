package io.reelgate.server.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.server.engine.StorageUnavailableException;
import io.reelgate.server.support.S3Server;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/** The S3 implementation of the storage port against a real S3-compatible server (S3Proxy). */
class S3ResultFilesIT {
  static S3Server server;
  static S3ResultFiles files;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server = S3Server.start();
    files = new S3ResultFiles(server.settings(DataSize.ofMegabytes(5), "stream"));
  }

  @AfterAll
  static void stop() throws Exception {
    files.destroy();
    server.close();
  }

  @Test
  void aLargeFileGoesUpInPartsAndIsReadWholeAndFromAnOffset() throws Exception {
    byte[] bytes = new byte[12 * 1024 * 1024 + 4321];
    new Random(7).nextBytes(bytes);
    Path file = dir.resolve("big.mp4");
    Files.write(file, bytes);

    String key = files.put("task_big", "video.mp4", file);

    assertThat(key).isEqualTo("task_big/video.mp4");
    assertThat(server.keys()).contains(key);
    Resource found = files.find(key).orElseThrow();
    assertThat(found.contentLength()).isEqualTo(bytes.length);
    try (InputStream in = found.getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
    long from = 9_000_001;
    try (InputStream in = found.getInputStream()) {
      assertThat(in.skip(from)).isEqualTo(from);
      assertThat(in.readNBytes(1000)).isEqualTo(Arrays.copyOfRange(bytes, (int) from, 9_001_001));
    }
  }

  @Test
  void aSmallFileGoesUpInOneRequestAndIsReplacedByStoringAgain() throws Exception {
    Path file = dir.resolve("poster.jpg");
    Files.write(file, new byte[] {1, 2, 3});
    files.put("task_small", "poster.jpg", file);
    Files.write(file, new byte[] {4, 5, 6, 7});

    files.put("task_small", "poster.jpg", file);

    try (InputStream in = files.find("task_small/poster.jpg").orElseThrow().getInputStream()) {
      assertThat(in.readAllBytes()).containsExactly(4, 5, 6, 7);
    }
  }

  @Test
  void aPresignedUrlReadsTheObjectDirectlyWithRanges() throws Exception {
    Path file = dir.resolve("v.mp4");
    Files.write(file, "0123456789".getBytes());
    files.put("task_presigned", "video.mp4", file);

    URI url = files.presign("task_presigned/video.mp4", Instant.now().plusSeconds(600)).get();

    HttpResponse<String> ranged =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url).header("Range", "bytes=2-5").build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(ranged.body()).isEqualTo("2345");
  }

  @Test
  void deletingATaskRemovesItsFilesAndAMissingKeyIsNotFound() throws Exception {
    Path file = dir.resolve("v.mp4");
    Files.write(file, "video".getBytes());
    files.put("task_gone", "video.mp4", file);
    files.put("task_gone", "poster.jpg", file);

    files.deleteAll("task_gone");
    files.deleteAll("task_gone");

    assertThat(server.keys()).noneMatch(k -> k.startsWith("task_gone/"));
    assertThat(files.find("task_gone/video.mp4")).isEmpty();
    assertThat(files.find("../etc/passwd")).isEmpty();
  }

  @Test
  void aStoreThatIsDownIsReportedAsUnavailable() throws Exception {
    Path file = dir.resolve("v.mp4");
    Files.write(file, "video".getBytes());
    server.down();
    try {
      assertThatThrownBy(() -> files.put("task_down", "video.mp4", file))
          .isInstanceOf(StorageUnavailableException.class);
      assertThatThrownBy(() -> files.find("task_down/video.mp4"))
          .isInstanceOf(StorageUnavailableException.class);
    } finally {
      server.up();
    }
    files.put("task_down", "video.mp4", file);
    assertThat(server.keys()).contains("task_down/video.mp4");
  }
}
