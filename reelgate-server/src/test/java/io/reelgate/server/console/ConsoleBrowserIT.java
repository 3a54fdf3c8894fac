package io.reelgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Http;
import io.reelgate.server.support.Mp4Info;
import io.reelgate.server.support.NodeScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The web console in headless Chromium (Debian's {@code chromium}, driven by the npm package {@code
 * playwright-core}; the script and its locked dependency are in {@code src/test/node/console}): a
 * key holder signs in, watches the price estimate follow the form, generates a video and sees it
 * reach success live without a reload, plays it to its end at the right size and finds it in the
 * task list, and sees a refused prompt's reason in the form; the operator creates an account and a
 * key, adds credits and revokes the key, which is then refused. Every request the pages made must
 * have gone to the server's own origin, no page may have logged an error or a content security
 * policy violation, and every visible control must have an accessible name. The screenshots land in
 * {@code target/console-browser/out}; with {@code CONSOLE_SCREENSHOTS_UPDATE=1} they also replace
 * those under {@code docs/console/}. Without Chromium or npm the test is skipped with the reason,
 * except on CI, where it fails.
 */
class ConsoleBrowserIT extends ConsoleServerTest {
  static final Path SOURCE = Path.of("src", "test", "node", "console");
  static final Path WORK = Path.of("target", "console-browser").toAbsolutePath();
  static final Path DOCS = Path.of("..", "docs", "console");

  @Test
  void aKeyHolderGeneratesAndWatchesAVideoAndTheOperatorManagesAccountsAndKeys() throws Exception {
    String chromium = requireChromium();
    requireNpm();
    Files.createDirectories(WORK);
    for (String name : List.of("package.json", "package-lock.json", "console.mjs")) {
      Files.copy(SOURCE.resolve(name), WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    run(
        List.of("npm", "ci", "--no-audit", "--no-fund"),
        Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
        300);
    Path out = WORK.resolve("out");
    String output =
        run(
            List.of("node", "console.mjs"),
            Map.of(
                "REELGATE_BASE_URL", base(),
                "REELGATE_API_KEY", API_KEY,
                "REELGATE_ADMIN_TOKEN", ADMIN_TOKEN,
                "REELGATE_OUT", out.toString(),
                "REELGATE_CHROMIUM", chromium),
            600);
    Map<String, JsonNode> steps = new HashMap<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("{")) {
        JsonNode step = Http.JSON.readTree(line);
        steps.put(step.get("step").stringValue(), step);
      }
    }
    assertThat(steps).as(output).containsKey("done").doesNotContainKey("error");

    assertThat(steps.get("signed-in").get("url").stringValue()).endsWith("/console/#/playground");
    JsonNode form = steps.get("form");
    assertThat(form.get("resolutionHidden").booleanValue()).as(form.toString()).isTrue();
    assertThat(form.get("sizeVisible").booleanValue()).as(form.toString()).isTrue();
    assertThat(form.get("resolutionShown").booleanValue()).as(form.toString()).isTrue();
    assertThat(steps.get("estimate").get("four").asInt()).isEqualTo(40);
    assertThat(steps.get("upload").get("dataUri").booleanValue()).isTrue();
    assertThat(steps.get("upload").get("imagesHidden").booleanValue()).isTrue();

    JsonNode live = steps.get("live");
    String taskId = live.get("taskId").stringValue();
    assertThat(taskId).startsWith("task_");
    assertThat(live.get("sameDocument").booleanValue()).as("no reload").isTrue();
    assertThat(live.get("navigations").size()).as("no navigation").isZero();
    List<String> states = new ArrayList<>();
    live.get("states").values().forEach(v -> states.add(v.stringValue()));
    assertThat(states).as("states shown live").endsWith("success").hasSizeGreaterThan(1);

    JsonNode played = steps.get("played");
    assertThat(played.get("ended").booleanValue()).isTrue();
    assertThat(played.get("videoWidth").asInt()).isEqualTo(1280);
    assertThat(played.get("videoHeight").asInt()).isEqualTo(720);
    assertThat(played.get("duration").asDouble()).isBetween(3.9, 4.1);
    String src = played.get("src").stringValue();
    assertThat(src).startsWith(base() + "/files/" + taskId + "/");
    assertThat(played.get("download").stringValue()).isEqualTo(src);
    Http.Response mp4 = Http.send("GET", src, null);
    assertThat(mp4.status()).isEqualTo(200);
    Mp4Info.VideoTrack track = Mp4Info.VideoTrack.demux(mp4.body());
    assertThat(track.codec()).isEqualTo("H264");
    assertThat(track.width()).isEqualTo(1280);
    assertThat(track.height()).isEqualTo(720);

    assertThat(steps.get("refused").get("message").stringValue())
        .contains("Content violates provider policy");
    assertThat(steps.get("refused").get("taskStill").stringValue()).isEqualTo(taskId);

    assertThat(steps.get("listed").get("taskId").stringValue()).isEqualTo(taskId);
    assertThat(steps.get("listed").get("state").stringValue()).isEqualTo("success");
    assertThat(steps.get("detail").get("state").stringValue()).isEqualTo("success");

    JsonNode operator = steps.get("operator");
    String accountId = operator.get("accountId").stringValue();
    assertThat(operator.get("balance").stringValue()).isEqualTo("750");
    Http.Response firstKey =
        Http.send(
            "GET",
            base() + "/api/v1/credits",
            null,
            "Authorization",
            "Bearer " + operator.get("firstKey").stringValue());
    assertThat(firstKey.status()).isEqualTo(200);
    assertThat(firstKey.json().get("data").get("balance").asLong()).isEqualTo(750);
    Http.Response revoked =
        Http.send(
            "GET",
            base() + "/api/v1/models",
            null,
            "Authorization",
            "Bearer " + operator.get("secondKey").stringValue());
    assertThat(revoked.status()).isEqualTo(401);
    JsonNode keys =
        Http.send(
                "GET",
                base() + "/admin/v1/accounts/" + accountId + "/keys",
                null,
                "Authorization",
                "Bearer " + ADMIN_TOKEN)
            .json()
            .get("keys");
    assertThat(keys.size()).isEqualTo(2);
    for (JsonNode key : keys) {
      boolean isRevoked =
          key.get("keyId").stringValue().equals(operator.get("keyId").stringValue());
      assertThat(key.get("revokedAt").isNull()).isEqualTo(!isRevoked);
    }
    assertThat(steps.get("revoked-refused").get("message").stringValue()).contains("not valid");
    assertThat(steps.get("revoked-refused").get("url").stringValue()).endsWith("#/sign-in");

    assertThat(steps.get("late-results").get("lateResults").stringValue()).isEqualTo("shown");

    JsonNode requests = steps.get("requests");
    assertThat(requests.get("count").asInt()).isGreaterThan(20);
    assertThat(requests.get("foreign").size()).as(requests.toString()).isZero();
    assertThat(steps.get("problems").get("problems").size())
        .as(steps.get("problems").toString())
        .isZero();
    assertThat(steps.get("problems").get("unlabelled").size())
        .as("controls without an accessible name: %s", steps.get("problems"))
        .isZero();

    try (Stream<Path> shots = Files.list(out)) {
      List<Path> pngs = shots.filter(p -> p.toString().endsWith(".png")).toList();
      assertThat(pngs).hasSizeGreaterThanOrEqualTo(20);
      if ("1".equals(System.getenv("CONSOLE_SCREENSHOTS_UPDATE"))) {
        Files.createDirectories(DOCS);
        for (Path png : pngs) {
          Files.copy(png, DOCS.resolve(png.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  void theConsoleIsServedWithAStrictContentSecurityPolicy() {
    Http.Response redirect = Http.send("GET", base() + "/console", null);
    assertThat(redirect.status()).isEqualTo(301);
    assertThat(redirect.header("Location")).endsWith("/console/");
    Http.Response index = Http.send("GET", base() + "/console/", null);
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.header("Content-Type")).startsWith("text/html");
    assertThat(index.text()).contains("<script type=\"module\" src=\"js/app.js\">");
    for (Http.Response r :
        List.of(
            index,
            Http.send("GET", base() + "/console/js/app.js", null),
            Http.send("GET", base() + "/console/console.css", null))) {
      assertThat(r.status()).isEqualTo(200);
      String csp = r.header("Content-Security-Policy");
      assertThat(csp)
          .contains("default-src 'none'")
          .contains("script-src 'self';")
          .contains("style-src 'self';")
          .contains("connect-src 'self';")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
    assertThat(Http.send("GET", base() + "/api/v1/models", null).header("Content-Security-Policy"))
        .isNull();
  }

  /** The Chromium executable, or the test is skipped (never on CI, which installs it). */
  static String requireChromium() {
    List<String> candidates = new ArrayList<>();
    String configured = System.getenv("REELGATE_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      candidates.add(configured);
    }
    candidates.add("/usr/bin/chromium");
    candidates.add("/usr/lib/chromium/chromium");
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    assertThat("true".equals(System.getenv("CI")))
        .as("chromium is missing on CI; .ci/run installs it")
        .isFalse();
    Assumptions.abort(
        "Chromium is not installed (looked for "
            + candidates
            + "; apt-get install chromium): the console browser test is skipped");
    return null;
  }

  static void requireNpm() throws InterruptedException {
    NodeScripts.requireNpm("the console browser test");
  }

  static String run(List<String> command, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    return NodeScripts.run(WORK, command, env, seconds);
  }
}
