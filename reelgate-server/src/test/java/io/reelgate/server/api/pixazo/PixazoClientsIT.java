package io.reelgate.server.api.pixazo;

import static io.reelgate.server.api.pixazo.PixazoKit.assertVideo;
import static io.reelgate.server.api.pixazo.PixazoKit.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelgate.server.api.pixazo.PixazoServerTest.Exchange;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The seed's own client code, run as real processes against the running server: its Python ({@code
 * requests}), JavaScript ({@code fetch}) and curl examples, kept verbatim in {@code
 * src/test/resources/pixazo/}. Only what a user must change is substituted: the gateway URL, the
 * key, the example image URL (now served from 127.0.0.1), the example callback URL (now a loopback
 * receiver) and the example ids (now the ids the server minted). Each run must get a 202, reach
 * COMPLETED, and produce an MP4 of the requested size and length.
 */
class PixazoClientsIT extends PixazoServerTest {
  private static final Pattern REQUEST_ID =
      Pattern.compile("sora-video_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(120);

  /** The seed's placeholders, as they appear in its snippets. */
  private static final String SEED_BASE = "https://gateway.pixazo.ai";

  private static final String SEED_IMAGE = "https://example.com/image-1280x720.jpg";
  private static final String SEED_CALLBACK = "https://your-domain.com/webhook/notify";
  private static final String SEED_VIDEO_ID =
      "video_68e4ff15fd8c8193ae7c27ca15812XXXXXXXXXXXXXXXXXXX";
  private static final String SEED_REQUEST_ID = "sora-video_019dxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  @TempDir static Path work;

  static TestImages images;
  static String imageUrl;
  static String callbackUrl;

  @BeforeAll
  static void serveImage() {
    images = new TestImages().acceptingPosts();
    imageUrl = images.serve("/image-1280x720.jpg", TestImages.jpg(1280, 720));
    callbackUrl = images.url("/webhook/notify");
  }

  @AfterAll
  static void stop() {
    images.close();
  }

  @Test
  void pythonRequestsSnippets() {
    Run probe = run(List.of("python3", "-c", "import requests; print(requests.__version__)"));
    assumeTrue(
        probe.exit() == 0,
        "SKIPPED: python3 with the 'requests' package is not available here, so the seed's Python"
            + " snippets were not run: "
            + probe.stderr());
    clientFlow("py", file -> List.of("python3", file.toString()));
  }

  @Test
  void javascriptFetchSnippets() {
    Run probe = run(List.of("node", "-e", "if (typeof fetch !== 'function') process.exit(3)"));
    assumeTrue(
        probe.exit() == 0,
        "SKIPPED: node with a built-in fetch (Node 18+) is not available here, so the seed's"
            + " JavaScript snippets were not run: "
            + probe.stderr());
    clientFlow("js", file -> List.of("node", file.toString()));
  }

  @Test
  void curlCommands() {
    Run probe = run(List.of("curl", "--version"));
    assumeTrue(probe.exit() == 0, "SKIPPED: curl is not installed: " + probe.stderr());
    clientFlow("sh", file -> List.of("sh", file.toString()));
  }

  private interface Launcher {
    List<String> command(Path file);
  }

  /** Text-to-video and image-to-video with one client: generate, poll, result, download. */
  private void clientFlow(String extension, Launcher launcher) {
    Map<String, String> generate = new LinkedHashMap<>();
    generate.put(SEED_BASE, base());
    generate.put("YOUR_SUBSCRIPTION_KEY", API_KEY);

    Map<String, String> t2vSubstitutions = new LinkedHashMap<>(generate);
    t2vSubstitutions.put(SEED_CALLBACK, callbackUrl);
    String t2v =
        generate(
            "t2v_generate." + extension,
            launcher,
            t2vSubstitutions,
            "/sora-video/v1/video/generate");

    Map<String, String> i2vSubstitutions = new LinkedHashMap<>(generate);
    i2vSubstitutions.put(SEED_IMAGE, imageUrl);
    String i2v =
        generate(
            "i2v_generate." + extension,
            launcher,
            i2vSubstitutions,
            "/sora-video/v1/video/i2v/generate");

    for (String id : List.of(t2v, i2v)) {
      JsonNode done = extension.equals("sh") ? pollWithSeedCurl(id) : awaitStatus(id);
      assertThat(done.get("status").stringValue()).as(done.toString()).isEqualTo("COMPLETED");
      String mediaUrl = done.get("output").get("media_url").get(0).stringValue();
      // both seed examples ask for 1280x720: t2v by size, i2v by its 1280x720 image; 4 s each
      assertVideo(mediaUrl, 1280, 720, 4);

      Map<String, String> result = new LinkedHashMap<>(generate);
      result.put(SEED_VIDEO_ID, id);
      Run r = runSnippet("result." + extension, launcher, result);
      assertThat(r.exit()).as("result snippet: %s", r).isZero();
      assertThat(r.stdout()).as("result snippet output").contains(id).contains("completed");
      assertThat(r.stdout()).contains(base() + "/files/");
    }
  }

  /** Runs a generate snippet and returns the request id it printed, checking the 202 it got. */
  private String generate(
      String snippet, Launcher launcher, Map<String, String> substitutions, String path) {
    int mark = Exchanges.seen().size();
    Run r = runSnippet(snippet, launcher, substitutions);
    assertThat(r.exit()).as("%s: %s", snippet, r).isZero();
    List<Exchange> seen = Exchanges.seen();
    List<Exchange> posts =
        seen.subList(mark, seen.size()).stream()
            .filter(e -> e.method().equals("POST") && e.path().equals(path))
            .toList();
    assertThat(posts).as("requests %s sent", snippet).hasSize(1);
    assertThat(posts.get(0).status()).as("%s got: %s", snippet, r).isEqualTo(202);
    if (snippet.endsWith(".sh")) {
      assertThat(r.stderr()).contains("< HTTP/1.1 202");
    }
    assertThat(r.stdout()).as("%s printed", snippet).containsPattern("status'?\"?:\\s*['\"]QUEUED");
    Matcher m = REQUEST_ID.matcher(r.stdout());
    assertThat(m.find()).as("%s printed a request id: %s", snippet, r.stdout()).isTrue();
    String id = m.group();
    assertThat(r.stdout()).contains(base() + "/v2/requests/status/" + id);
    return id;
  }

  private JsonNode awaitStatus(String id) {
    return awaitTerminal(base() + "/v2/requests/status/" + id, API_KEY, RENDER_TIMEOUT);
  }

  /** Polls with the seed's own status curl command until the request is finished. */
  private JsonNode pollWithSeedCurl(String id) {
    Map<String, String> substitutions = new LinkedHashMap<>();
    substitutions.put("YOUR_API_KEY", API_KEY);
    substitutions.put(SEED_BASE, base());
    substitutions.put(SEED_REQUEST_ID, id);
    return await("a terminal status by the seed's curl for " + id)
        .atMost(RENDER_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Run r =
                  runSnippet("status.sh", file -> List.of("sh", file.toString()), substitutions);
              assertThat(r.exit()).as("status curl: %s", r).isZero();
              return Http.JSON.readTree(r.stdout());
            },
            status -> {
              String value = status.get("status").stringValue();
              return !value.equals("QUEUED") && !value.equals("PROCESSING");
            });
  }

  private record Run(int exit, String stdout, String stderr) {}

  /** Copies a seed snippet with the substitutions applied, and runs it. */
  private Run runSnippet(String snippet, Launcher launcher, Map<String, String> substitutions) {
    String text = resource(snippet);
    for (Map.Entry<String, String> s : substitutions.entrySet()) {
      assertThat(text).as("%s holds %s", snippet, s.getKey()).contains(s.getKey());
      text = text.replace(s.getKey(), s.getValue());
    }
    try {
      Path file =
          Files.createTempFile(work, snippet.replace('.', '-') + "-", "." + extension(snippet));
      Files.writeString(file, text);
      return run(launcher.command(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Run run(List<String> command) {
    try {
      Path out = Files.createTempFile(work, "out", ".txt");
      Path err = Files.createTempFile(work, "err", ".txt");
      ProcessBuilder pb =
          new ProcessBuilder(new ArrayList<>(command))
              .directory(work.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      // why: a proxy configured on the machine must not intercept calls to the local server
      pb.environment().put("NO_PROXY", "localhost,127.0.0.1");
      pb.environment().put("no_proxy", "localhost,127.0.0.1");
      Process p;
      try {
        p = pb.start();
      } catch (IOException notInstalled) {
        return new Run(127, "", command.get(0) + " cannot be started: " + notInstalled);
      }
      if (!p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + PROCESS_TIMEOUT);
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = PixazoClientsIT.class.getResourceAsStream("/pixazo/" + name)) {
      assertThat(in).as("test resource pixazo/%s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String extension(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
