package io.reelgate.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRendererTest {
  static final int W = 320;
  static final int H = 180;
  static final LocalRenderer RENDERER = new LocalRenderer(2);

  @TempDir Path dir;

  static RenderSpec text(String prompt, long seed, double seconds) {
    return new RenderSpec(RenderMode.TEXT, W, H, seconds, 24, prompt, seed, List.of());
  }

  RenderResult render(RenderSpec spec, String name) throws Exception {
    return RENDERER.render(spec, dir.resolve(name + ".mp4"), dir.resolve(name + ".jpg"));
  }

  @Test
  void textClipHasEveryFrameAtTheRequestedSize() throws Exception {
    RenderSpec spec =
        new RenderSpec(RenderMode.TEXT, W, H, 1.5, 24, "a red fox in the snow", 1, null);
    RenderResult result = render(spec, "fox");

    assertThat(result.frames()).isEqualTo(36);
    assertThat(result.width()).isEqualTo(W);
    assertThat(result.height()).isEqualTo(H);
    assertThat(result.durationSeconds()).isEqualTo(1.5);
    List<Picture> frames = Clips.decode(result.video());
    assertThat(frames).hasSize(36);
    for (Picture p : frames) {
      assertThat(p.getWidth()).isEqualTo(W);
      assertThat(p.getHeight()).isEqualTo(H);
    }
    // The scene moves: the last frame is not the first.
    assertThat(Clips.meanLumaDifference(frames.get(0), frames.get(35))).isGreaterThan(1.0);
  }

  @Test
  void oddFrameRatesAndSizesThatAreNotMacroblockMultiples() throws Exception {
    RenderSpec spec = new RenderSpec(RenderMode.TEXT, 202, 114, 0.8, 15, "odd sizes", 3, null);
    RenderResult result = render(spec, "odd");
    List<Picture> frames = Clips.decode(result.video());
    assertThat(frames).hasSize(12);
    assertThat(frames.get(0).getWidth()).isEqualTo(202);
    assertThat(frames.get(0).getHeight()).isEqualTo(114);
  }

  @Test
  void sameSpecGivesByteIdenticalFilesWhateverTheThreadCount() throws Exception {
    RenderSpec spec = text("lanterns rising over a night city", 7, 2);
    RenderResult a = render(spec, "a");
    RenderResult b = new LocalRenderer(1).render(spec, dir.resolve("b.mp4"), dir.resolve("b.jpg"));

    assertThat(Files.readAllBytes(b.video())).isEqualTo(Files.readAllBytes(a.video()));
    assertThat(Files.readAllBytes(b.poster())).isEqualTo(Files.readAllBytes(a.poster()));
  }

  @Test
  void differentPromptsAndSeedsGiveVisiblyDifferentVideos() throws Exception {
    Picture sea =
        Clips.decode(render(text("waves on a quiet ocean", 1, 0.5), "sea").video()).get(6);
    Picture desert =
        Clips.decode(render(text("desert dunes at noon", 1, 0.5), "desert").video()).get(6);
    Picture reseeded =
        Clips.decode(render(text("waves on a quiet ocean", 2, 0.5), "sea2").video()).get(6);

    assertThat(Clips.meanLumaDifference(sea, desert)).isGreaterThan(8);
    assertThat(Clips.meanLumaDifference(sea, reseeded)).isGreaterThan(2);
  }

  @Test
  void imageToVideoStartsOnTheImageAndMoves() throws Exception {
    BufferedImage input = Clips.picture(640, 360, 11);
    RenderSpec spec =
        new RenderSpec(RenderMode.IMAGE, W, H, 1, 24, "", 5, List.of(Clips.jpeg(input)));
    List<Picture> frames = Clips.decode(render(spec, "image").video());

    assertThat(frames).hasSize(24);
    BufferedImage expected = Clips.scaled(input, W, H);
    assertThat(Clips.psnr(Clips.toRgb(frames.get(0)), expected)).isGreaterThanOrEqualTo(30);
    assertThat(Clips.meanLumaDifference(frames.get(0), frames.get(23))).isGreaterThan(0.5);
  }

  @Test
  void imagesOfAnotherShapeAreCroppedOrLetterboxedNotStretched() throws Exception {
    // 4:3 is cropped to 16:9: the first frame is the centre band of the input.
    BufferedImage fourThree = Clips.picture(400, 300, 12);
    RenderSpec crop =
        new RenderSpec(RenderMode.IMAGE, W, H, 0.25, 24, "", 5, List.of(Clips.png(fourThree)));
    Picture cropped = Clips.decode(render(crop, "crop").video()).get(0);
    BufferedImage band = Clips.scaled(fourThree.getSubimage(0, 38, 400, 225), W, H);
    assertThat(Clips.psnr(Clips.toRgb(cropped), band)).isGreaterThanOrEqualTo(30);

    // A tall portrait is letterboxed: the image sits undistorted in the middle.
    BufferedImage portrait = Clips.picture(180, 360, 13);
    RenderSpec box =
        new RenderSpec(RenderMode.IMAGE, W, H, 0.25, 24, "", 5, List.of(Clips.png(portrait)));
    BufferedImage boxed = Clips.toRgb(Clips.decode(render(box, "box").video()).get(0));
    int inner = H / 2; // 180x360 fitted into a 180-pixel-high frame is 90 wide
    BufferedImage middle = boxed.getSubimage((W - inner) / 2 + 2, 2, inner - 4, H - 4);
    BufferedImage expected = Clips.scaled(portrait, inner, H).getSubimage(2, 2, inner - 4, H - 4);
    assertThat(Clips.psnr(middle, expected)).isGreaterThanOrEqualTo(28);
  }

  @Test
  void webpInputsAreRead() throws Exception {
    byte[] webp = getClass().getResourceAsStream("/gradient.webp").readAllBytes();
    RenderSpec spec = new RenderSpec(RenderMode.IMAGE, W, H, 0.25, 24, "", 1, List.of(webp));
    Picture first = Clips.decode(render(spec, "webp").video()).get(0);
    BufferedImage expected = ImageIO.read(new java.io.ByteArrayInputStream(webp));
    assertThat(Clips.psnr(Clips.toRgb(first), Clips.scaled(expected, W, H)))
        .isGreaterThanOrEqualTo(30);
  }

  @Test
  void firstLastStartsOnTheFirstImageAndEndsOnTheLast() throws Exception {
    BufferedImage first = Clips.picture(640, 360, 21);
    BufferedImage last = Clips.picture(640, 360, 22);
    RenderSpec spec =
        new RenderSpec(
            RenderMode.FIRST_LAST, W, H, 2, 24, "", 9, List.of(Clips.png(first), Clips.png(last)));
    List<Picture> frames = Clips.decode(render(spec, "fl").video());

    assertThat(frames).hasSize(48);
    BufferedImage firstExpected = Clips.scaled(first, W, H);
    BufferedImage lastExpected = Clips.scaled(last, W, H);
    assertThat(Clips.psnr(Clips.toRgb(frames.get(0)), firstExpected)).isGreaterThanOrEqualTo(30);
    assertThat(Clips.psnr(Clips.toRgb(frames.get(47)), lastExpected)).isGreaterThanOrEqualTo(30);
    // Halfway through, the picture is a blend of both, close to neither.
    BufferedImage middle = Clips.toRgb(frames.get(24));
    assertThat(Clips.psnr(middle, firstExpected)).isLessThan(30);
    assertThat(Clips.psnr(middle, lastExpected)).isLessThan(30);
  }

  @Test
  void firstLastWithOneImageBehavesLikeImageToVideo() throws Exception {
    byte[] image = Clips.png(Clips.picture(640, 360, 31));
    RenderSpec fl = new RenderSpec(RenderMode.FIRST_LAST, W, H, 1, 24, "", 4, List.of(image));
    RenderSpec iv = new RenderSpec(RenderMode.IMAGE, W, H, 1, 24, "", 4, List.of(image));
    assertThat(Files.readAllBytes(render(fl, "fl1").video()))
        .isEqualTo(Files.readAllBytes(render(iv, "iv1").video()));
  }

  @Test
  void referencesAppearInSequence() throws Exception {
    List<BufferedImage> refs =
        List.of(
            Clips.picture(480, 270, 41), Clips.picture(480, 270, 42), Clips.picture(480, 270, 43));
    RenderSpec spec =
        new RenderSpec(
            RenderMode.REFERENCES,
            W,
            H,
            3,
            24,
            "",
            2,
            List.of(Clips.png(refs.get(0)), Clips.png(refs.get(1)), Clips.png(refs.get(2))));
    List<Picture> frames = Clips.decode(render(spec, "refs").video());
    assertThat(frames).hasSize(72);

    assertThat(Clips.psnr(Clips.toRgb(frames.get(0)), Clips.scaled(refs.get(0), W, H)))
        .isGreaterThanOrEqualTo(30);
    // Around the middle of each third, that reference is the closest of the three.
    int[] probes = {10, 36, 62};
    for (int i = 0; i < 3; i++) {
      BufferedImage frame = Clips.toRgb(frames.get(probes[i]));
      double best = -1;
      int bestRef = -1;
      for (int r = 0; r < 3; r++) {
        double p = Clips.psnr(frame, Clips.scaled(refs.get(r), W, H));
        if (p > best) {
          best = p;
          bestRef = r;
        }
      }
      assertThat(bestRef).as("reference shown at frame %d", probes[i]).isEqualTo(i);
    }
  }

  @Test
  void moovComesBeforeMdat() throws Exception {
    RenderResult result = render(text("fast start", 1, 0.5), "faststart");
    assertThat(Clips.topLevelBoxes(result.video())).containsExactly("ftyp", "moov", "mdat");
  }

  @Test
  void spsDeclaresLimitedRangeBt601() throws Exception {
    RenderResult result = render(text("colour", 1, 0.5), "colour");
    ByteBuffer avcc = Clips.findBox(result.video(), "avcC");
    avcc.position(6);
    int spsLength = avcc.getShort() & 0xFFFF;
    ByteBuffer nal = avcc.slice(avcc.position() + 1, spsLength - 1); // skip the NAL header
    SeqParameterSet sps = SeqParameterSet.read(nal);

    assertThat(sps.vuiParams).isNotNull();
    assertThat(sps.vuiParams.videoSignalTypePresentFlag).isTrue();
    assertThat(sps.vuiParams.videoFullRangeFlag).isFalse();
    assertThat(sps.vuiParams.colourPrimaries).isEqualTo(6);
    assertThat(sps.vuiParams.matrixCoefficients).isEqualTo(6);
    ByteBuffer colr = Clips.findBox(result.video(), "colr");
    assertThat(colr.get(4 + 6) & 0x80).isZero(); // nclx full_range_flag
  }

  @Test
  void blackAndWhiteAreCodedAtLimitedRangeLevels() throws Exception {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = img.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, W / 2, H);
    g.dispose();
    RenderSpec spec =
        new RenderSpec(RenderMode.IMAGE, W, H, 0.25, 24, "", 1, List.of(Clips.png(img)));
    Picture p = Clips.decode(render(spec, "levels").video()).get(0);
    int white = p.getPlaneData(0)[(H / 2) * W + W / 4] + 128;
    int black = p.getPlaneData(0)[(H / 2) * W + 3 * W / 4] + 128;
    assertThat(white).isBetween(232, 238);
    assertThat(black).isBetween(14, 19);
  }

  @Test
  void everySecondStartsWithAKeyFrame() throws Exception {
    RenderResult result = render(text("key frames", 1, 2.5), "keys");
    ByteBuffer stss = Clips.findBox(result.video(), "stss");
    stss.position(4);
    assertThat(stss.getInt()).isEqualTo(3);
    assertThat(List.of(stss.getInt(), stss.getInt(), stss.getInt())).containsExactly(1, 25, 49);
  }

  @Test
  void posterIsAJpegOfTheFirstFrame() throws Exception {
    BufferedImage input = Clips.picture(640, 360, 51);
    RenderSpec spec =
        new RenderSpec(RenderMode.IMAGE, W, H, 0.5, 24, "", 5, List.of(Clips.png(input)));
    RenderResult result = render(spec, "poster");
    BufferedImage poster = ImageIO.read(result.poster().toFile());
    assertThat(poster.getWidth()).isEqualTo(W);
    assertThat(poster.getHeight()).isEqualTo(H);
    assertThat(Clips.psnr(poster, Clips.scaled(input, W, H))).isGreaterThanOrEqualTo(30);
  }

  @Test
  void undecodableImagesAreInputProblems() {
    RenderSpec garbage =
        new RenderSpec(RenderMode.IMAGE, W, H, 1, 24, "", 1, List.of(new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> render(garbage, "garbage"))
        .isInstanceOfSatisfying(
            RenderException.class, e -> assertThat(e.isInputProblem()).isTrue());

    RenderSpec none = new RenderSpec(RenderMode.REFERENCES, W, H, 1, 24, "", 1, List.of());
    assertThatThrownBy(() -> render(none, "none"))
        .isInstanceOfSatisfying(
            RenderException.class, e -> assertThat(e.isInputProblem()).isTrue());
    assertThat(dir.resolve("garbage.mp4")).doesNotExist();
  }

  @Test
  void noTemporaryFilesAreLeftBehind() throws Exception {
    render(text("tidy", 1, 0.5), "tidy");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("tidy.mp4", "tidy.jpg");
    }
  }

  @Test
  void outputsGetTheUsualFilePermissions() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    RenderResult result = render(text("permissions", 1, 0.25), "perm");
    var usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
    assertThat(Files.getPosixFilePermissions(result.video())).isEqualTo(usual);
    assertThat(Files.getPosixFilePermissions(result.poster())).isEqualTo(usual);
  }
}
