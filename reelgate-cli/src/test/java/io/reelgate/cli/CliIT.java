package io.reelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.client.WebhookVerifier;
import io.reelgate.client.testing.Mp4;
import io.reelgate.client.testing.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The packaged command ({@code target/reelgate.jar}, the launcher) against a running server. */
class CliIT {
  static ServerProcess server;
  @TempDir static Path home;
  @TempDir Path work;

  @BeforeAll
  static void start() {
    server = ServerProcess.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  record Run(int code, String out, String err) {
    JsonNode json() {
      return Views.JSON.readTree(out);
    }
  }

  static Path jar() {
    String configured = System.getProperty("reelgate.cli.jar");
    return configured != null
        ? Path.of(configured)
        : Path.of("target", "reelgate.jar").toAbsolutePath();
  }

  static Path launcher() {
    String configured = System.getProperty("reelgate.cli.launcher");
    return configured != null ? Path.of(configured) : Path.of("reelgate").toAbsolutePath();
  }

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("REELGATE_URL", server.baseUrl());
    env.put("REELGATE_API_KEY", server.apiKey());
    env.put("REELGATE_ADMIN_TOKEN", server.adminToken());
    env.put("HOME", home.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return env;
  }

  Run cli(String... args) throws Exception {
    return cli(env(), args);
  }

  Run cli(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(Arrays.asList(args));
    return exec(command, env);
  }

  Run exec(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().remove("REELGATE_URL");
    pb.environment().remove("REELGATE_API_KEY");
    pb.environment().remove("REELGATE_ADMIN_TOKEN");
    pb.environment().putAll(env);
    File out = work.resolve("stdout-" + System.nanoTime()).toFile();
    File err = work.resolve("stderr-" + System.nanoTime()).toFile();
    pb.redirectOutput(out)
        .redirectError(err)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the command did not end: " + command);
    }
    return new Run(
        p.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  void generateWritesAPlayableMp4AndExitsZero() throws Exception {
    Run r =
        cli(
            "generate",
            "sora-2",
            "a lighthouse at dawn",
            "--duration",
            "4",
            "--aspect",
            "landscape",
            "-o",
            "dawn.mp4");
    assertThat(r.code()).as(r.err()).isZero();
    Path video = work.resolve("dawn.mp4");
    assertThat(r.out().trim()).isEqualTo("dawn.mp4");
    // not a terminal: one line per change on standard error
    assertThat(r.err()).contains("submitted task_").contains("success");
    Mp4.Info mp4 = Mp4.read(video);
    assertThat(mp4.boxes()).contains("ftyp", "moov", "mdat");
    assertThat(mp4.width()).isEqualTo(1280);
    assertThat(mp4.height()).isEqualTo(720);
    ffprobe(video, 1280, 720);
  }

  @Test
  void aBadDurationExitsNonZeroNamingTheOption() throws Exception {
    Run refused = cli("generate", "sora-2", "a prompt", "--duration", "5");
    assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("--duration").contains("4, 8, 12");
    assertThat(refused.out()).isEmpty();

    Run notANumber = cli("generate", "sora-2", "a prompt", "--duration", "five");
    assertThat(notANumber.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(notANumber.err()).contains("--duration");

    Run estimate = cli("estimate", "sora-2", "a prompt", "--duration", "7");
    assertThat(estimate.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(estimate.err()).contains("--duration");
  }

  @Test
  void aTerminalShowsTheProgressBarUpdating() throws Exception {
    String command =
        "stty cols 120 rows 40; exec "
            + sh(launcher().toString())
            + " generate sora-2 "
            + sh("a slow pan over a mountain lake")
            + " --duration 4 -o lake.mp4";
    Run r = exec(List.of("script", "-qefc", command, "/dev/null"), withTerm(env()));
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(work.resolve("lake.mp4")).isNotEmptyFile();

    // the screen is redrawn in place: frames separated by carriage returns
    List<String> frames =
        Arrays.stream(r.out().split("[\r\n]"))
            .map(CliIT::plain)
            .filter(f -> f.startsWith("task_"))
            .collect(Collectors.toList());
    assertThat(r.out()).contains("\r");
    assertThat(frames.size()).as(r.out()).isGreaterThanOrEqualTo(3);
    Set<String> elapsed = new LinkedHashSet<>();
    Matcher m = Pattern.compile("\\((\\d+:\\d\\d:\\d\\d)\\)").matcher(String.join("\n", frames));
    while (m.find()) {
      elapsed.add(m.group(1));
    }
    assertThat(elapsed).as("elapsed times shown: %s", frames).hasSizeGreaterThanOrEqualTo(2);
    String all = String.join("\n", frames);
    assertThat(all).containsAnyOf("pending", "processing").contains("success").contains("100%");
    assertThat(frames.get(frames.size() - 1)).contains("100%").contains("success");
  }

  @Test
  void jsonOutputParses() throws Exception {
    Run estimate = cli("--json", "estimate", "sora-2", "a prompt", "--duration", "4");
    assertThat(estimate.code()).as(estimate.err()).isZero();
    assertThat(estimate.json().get("credits").asLong()).isEqualTo(40);

    Run submitted = cli("generate", "--json", "--no-wait", "sora-2", "json please", "-d", "4");
    assertThat(submitted.code()).as(submitted.err()).isZero();
    String taskId = submitted.json().get("taskId").asString();
    assertThat(taskId).startsWith("task_");

    Run status = cli("status", taskId, "--json");
    assertThat(status.code()).isZero();
    assertThat(status.json().get("taskId").asString()).isEqualTo(taskId);
    assertThat(status.json().get("state").asString()).isIn("pending", "processing", "success");

    Run cancel = cli("cancel", taskId, "--json");
    if (cancel.code() == 0) {
      assertThat(cancel.json().get("failCode").asString()).isEqualTo("CANCELLED");
      Run waited = cli("wait", taskId, "--json");
      assertThat(waited.code()).isEqualTo(ExitCodes.FAILED);
      assertThat(waited.json().get("state").asString()).isEqualTo("failed");
      assertThat(cli("cancel", taskId).code()).isEqualTo(ExitCodes.NOT_FOUND);
    } else {
      assertThat(cancel.code()).isEqualTo(ExitCodes.NOT_FOUND); // it was storing already
    }
    assertThat(cli("status", "task_nope").code()).isEqualTo(ExitCodes.NOT_FOUND);

    Run wrongKey = cli(withKey("rg_wrong"), "status", taskId);
    assertThat(wrongKey.code()).isEqualTo(ExitCodes.AUTH);
    assertThat(wrongKey.err()).contains("401");
  }

  @Test
  void adminCommands() throws Exception {
    Run created = cli("admin", "accounts", "create", "cli-acme", "--credits", "300", "--json");
    assertThat(created.code()).as(created.err()).isZero();
    String accountId = created.json().get("accountId").asString();
    String apiKey = created.json().get("apiKey").asString();

    Run show = cli("admin", "accounts", "show", accountId);
    assertThat(show.code()).isZero();
    assertThat(show.out()).contains("balance:").contains("300");

    Run credits = cli("--json", "admin", "credits", accountId, "200", "--note", "bonus");
    assertThat(credits.json().get("balance").asLong()).isEqualTo(500);
    assertThat(cli("admin", "credits", accountId, "--", "-100000").code())
        .isEqualTo(ExitCodes.CREDITS);

    Run ledger = cli("admin", "accounts", "ledger", accountId, "--json");
    assertThat(ledger.json().get("entries").size()).isEqualTo(2);

    Run key = cli("admin", "keys", "create", accountId, "--json");
    String keyId = key.json().get("keyId").asString();
    assertThat(cli("admin", "keys", "list", accountId).out()).contains(keyId);
    Run limits =
        cli(
            "admin",
            "keys",
            "limits",
            keyId,
            "--model",
            "sora-2",
            "--rpm",
            "5",
            "--concurrent",
            "2",
            "--json");
    assertThat(limits.code()).as(limits.err()).isZero();
    assertThat(limits.json().get("limits").toString()).contains("\"requestsPerMinute\":5");
    assertThat(cli("admin", "keys", "limits", keyId, "--model", "sora-2").code())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli("admin", "keys", "revoke", keyId).code()).isZero();
    assertThat(cli(withKey(key.json().get("apiKey").asString()), "webhooks", "secret").code())
        .isEqualTo(ExitCodes.AUTH);
    assertThat(cli(withKey(apiKey), "webhooks", "secret").out()).startsWith("whsec_");

    Run channels = cli("admin", "channels");
    assertThat(channels.code()).isZero();
    assertThat(channels.out()).contains("local").contains("closed");
    assertThat(
            cli("--json", "admin", "channels").json().get("channels").get(0).get("id").asString())
        .isNotBlank();

    Map<String, String> noToken = env();
    noToken.remove("REELGATE_ADMIN_TOKEN");
    assertThat(cli(noToken, "admin", "channels").code()).isEqualTo(ExitCodes.AUTH);
    assertThat(cli(noToken, "admin", "channels", "--admin-token", "wrong").code())
        .isEqualTo(ExitCodes.AUTH);
  }

  @Test
  void webhooksVerifyACapturedRequestWithTheAccountsSecret() throws Exception {
    String secret = cli("webhooks", "secret").out().trim();
    String body =
        "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\"task_x\",\"state\":\"success\"}}";
    Instant now = Instant.now();
    String raw =
        "POST /hook HTTP/1.1\r\nContent-Type: application/json\r\nwebhook-id: msg_cli\r\n"
            + "webhook-timestamp: "
            + now.getEpochSecond()
            + "\r\nwebhook-signature: "
            + WebhookVerifier.of(secret).sign("msg_cli", now, body)
            + "\r\n\r\n"
            + body;
    Files.writeString(work.resolve("captured.http"), raw);
    // no --secret: the command asks the gateway for the key's secret
    Run ok = cli("webhooks", "verify", "--request", "captured.http");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("verified").contains("msg_cli");
    Files.writeString(work.resolve("captured.http"), raw.replace("success\"}}", "failed\"}}"));
    assertThat(cli("webhooks", "verify", "--request", "captured.http").code())
        .isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void modelsAndTasksCommands() throws Exception {
    Run models = cli("models", "--json");
    Assumptions.assumeFalse(
        models.code() == ExitCodes.NOT_FOUND, "GET /api/v1/models is not on this server yet");
    assertThat(models.code()).as(models.err()).isZero();
    assertThat(models.json().get("models").toString()).contains("sora-2-pro");
    assertThat(cli("models").out()).contains("sora-2").contains("veo-3-1");

    Run tasks = cli("tasks", "--json", "--limit", "5");
    Assumptions.assumeFalse(
        tasks.code() == ExitCodes.NOT_FOUND, "GET /api/v1/tasks is not on this server yet");
    assertThat(tasks.code()).as(tasks.err()).isZero();
    assertThat(tasks.json().has("tasks")).isTrue();
    assertThat(cli("tasks", "--state", "success").code()).isZero();
  }

  // helpers

  static Map<String, String> withKey(String key) {
    Map<String, String> env = env();
    env.put("REELGATE_API_KEY", key);
    return env;
  }

  static Map<String, String> withTerm(Map<String, String> env) {
    env.put("TERM", "xterm-256color");
    return env;
  }

  static String sh(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** A terminal frame without its colour escapes. */
  static String plain(String frame) {
    return frame.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").trim();
  }

  static void ffprobe(Path video, int width, int height) throws IOException, InterruptedException {
    Path ffprobe = Path.of("/usr/bin/ffprobe");
    if (!Files.isExecutable(ffprobe)) {
      return; // the box check above stands in for it
    }
    Process p =
        new ProcessBuilder(
                ffprobe.toString(),
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name,width,height",
                "-of",
                "csv=p=0",
                video.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).isEqualTo("h264," + width + "," + height);
  }
}
