package io.reelgate.render.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCliTest {
  @TempDir Path dir;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return RenderCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void rendersAPromptToAFileWithAPosterBesideIt() throws Exception {
    Path video = dir.resolve("clip.mp4");
    int status =
        run(
            "--prompt",
            "paper boats on a pond",
            "--size",
            "160x96",
            "--duration",
            "0.5",
            "--threads",
            "1",
            "--out",
            video.toString());

    assertThat(status).isZero();
    assertThat(video).isNotEmptyFile();
    assertThat(dir.resolve("clip.jpg")).isNotEmptyFile();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("160x96, 12 frames");
  }

  @Test
  void rejectsBadUsageWithStatus2() {
    assertThat(run("--prompt", "no output")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out is required", "Usage");
    assertThat(run("--size", "big", "--out", "x.mp4")).isEqualTo(2);
  }

  @Test
  void unreadableImagesFailWithStatus1() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.png"), "not an image");
    int status =
        run(
            "--image",
            bad.toString(),
            "--size",
            "160x96",
            "--out",
            dir.resolve("x.mp4").toString());
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("image 0");
  }
}
