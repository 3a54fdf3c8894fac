package io.reelgate.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Mp4Info;
import io.reelgate.server.support.PackagedServer;
import io.reelgate.server.support.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Reelgate as another Reelgate's upstream: this in-process gateway sends {@code veo-3-1} over the
 * {@code apixo} protocol to the packaged server running the embedded default (local renderer), and
 * the finished video ends up in this gateway's own storage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DogfoodIT {
  static final String KEY = "rg_test_dogfood_front_0123";
  static final String UPSTREAM_KEY = "rg_test_dogfood_upstream_01";
  static final Path DATA = ServerTest.tempDataDir("reelgate-dogfood-front");
  static final Path UPSTREAM_DATA = ServerTest.tempDataDir("reelgate-dogfood-upstream");
  static final int UPSTREAM_PORT = PackagedServer.freePort();
  static Process upstream;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void startUpstream() throws Exception {
    // why: the upstream learns the name this gateway uses from its REELGATE_CONFIG file
    Path config = UPSTREAM_DATA.resolve("reelgate.yml");
    Files.writeString(config, "reelgate:\n  model-aliases:\n    veo-dogfood: veo-3-1\n");
    upstream =
        PackagedServer.start(
            UPSTREAM_DATA,
            UPSTREAM_PORT,
            "upstream",
            Map.of(
                "REELGATE_BOOTSTRAP_API_KEY",
                UPSTREAM_KEY,
                "REELGATE_LOCAL_MAX_RENDERS",
                "1",
                "REELGATE_CONFIG",
                config.toString()));
  }

  @AfterAll
  static void stopUpstream() throws Exception {
    if (upstream != null) {
      upstream.destroy();
      upstream.waitFor();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
    r.add("reelgate.channels[0].id", () -> "reelgate-upstream");
    r.add("reelgate.channels[0].protocol", () -> "apixo");
    r.add("reelgate.channels[0].base-url", () -> "http://localhost:" + UPSTREAM_PORT);
    r.add("reelgate.channels[0].api-key", () -> UPSTREAM_KEY);
    r.add("reelgate.channels[0].route", () -> "value");
    r.add("reelgate.channels[0].models.veo-3-1", () -> "veo-dogfood");
    r.add("reelgate.channels[0].options.poll-interval", () -> "500ms");
  }

  @Test
  void aTaskRunsOnAnotherReelgateAndItsVideoIsCopiedHere() throws Exception {
    String base = "http://localhost:" + port;
    String id =
        Apixo.submit(
            base, KEY, "veo-3-1", Apixo.veo("value", "a lighthouse at dawn, dogfood edition"));
    JsonNode done = Apixo.finished(base, KEY, "veo-3-1", id, 180);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");

    String upstreamTask =
        jdbc.sql("SELECT upstream_job_id FROM tasks WHERE id = ?")
            .param(id)
            .query(String.class)
            .single();
    assertThat(upstreamTask).startsWith("task_");
    JsonNode there =
        Apixo.status("http://localhost:" + UPSTREAM_PORT, UPSTREAM_KEY, "veo-3-1", upstreamTask);
    assertThat(there.get("state").stringValue()).isEqualTo("success");

    Path copy = DATA.resolve("results").resolve(id).resolve("video.mp4");
    byte[] bytes = Files.readAllBytes(copy);
    Mp4Info info = Mp4Info.parse(bytes);
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
    assertThat(info.durationSeconds()).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.2));
    Path original = UPSTREAM_DATA.resolve("results").resolve(upstreamTask).resolve("video.mp4");
    assertThat(bytes).isEqualTo(Files.readAllBytes(original));
    assertThat(List.of(done.get("resultJson").stringValue())).allMatch(s -> s.contains(base));
  }

  @Test
  void aMissingConfigFileStopsTheStartSayingSo() throws Exception {
    Path data = ServerTest.tempDataDir("reelgate-missing-config");
    Path missing = data.resolve("does-not-exist.yml");
    Throwable failure =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                PackagedServer.start(
                    data,
                    PackagedServer.freePort(),
                    "missing-config",
                    Map.of("REELGATE_CONFIG", missing.toString())));
    assertThat(failure)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("server exited")
        .hasMessageContaining("REELGATE_CONFIG names " + missing);
  }
}
