package io.reelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.client.WebhookVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a server: parsing, settings, exit codes, webhook verification. */
class CliTest {
  @TempDir Path home;

  record Run(int code, String out, String err) {}

  Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // why: nothing listens on port 9, so a command that does reach for the network fails fast
    Map<String, String> e = new HashMap<>(Map.of("REELGATE_URL", "http://127.0.0.1:9"));
    e.putAll(env);
    int code = Reelgate.execute(args, e, home, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  Run run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void aDurationThatIsNotANumberNamesTheOption() {
    Run r = run("generate", "sora-2", "a prompt", "--duration", "five");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--duration").contains("five");
  }

  @Test
  void aNegativeDurationIsRefusedBeforeAnythingIsSent() {
    Run r = run("generate", "sora-2", "a prompt", "--duration", "-4");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--duration");
  }

  @Test
  void unknownOptionsAndMissingArgumentsAreUsageErrors() {
    assertThat(run("generate", "sora-2").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("generate", "sora-2", "p", "--bogus").err()).contains("--bogus");
    assertThat(run().code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("admin").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("wait", "task_1", "--timeout", "soon").err()).contains("--timeout");
  }

  @Test
  void helpVersionAndCompletion() {
    Run help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("generate", "admin", "webhooks", "Exit codes:", "8");
    assertThat(run("--version").out()).startsWith("reelgate ");
    Run completion = run("generate-completion");
    assertThat(completion.code()).isZero();
    assertThat(completion.out()).contains("complete -F").contains("reelgate");
  }

  @Test
  void anUnreachableServerExitsWithItsCode() {
    Run r = run(Map.of("REELGATE_API_KEY", "k"), "status", "task_1");
    assertThat(r.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(r.err()).startsWith("reelgate: ");
  }

  @Test
  void aMissingKeyIsSaid() {
    Run r = run("status", "task_1");
    assertThat(r.code()).isEqualTo(ExitCodes.AUTH);
    assertThat(r.err()).contains("API key");
  }

  @Test
  void settingsComeFromOptionsThenEnvironmentThenTheConfigFile() throws Exception {
    Path file = home.resolve(".config/reelgate/config.properties");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "url=http://from-file:1\napi-key=file-key\nadmin-token=file-token\n");
    CliSettings fromFile = CliSettings.resolve(new HashMap<>(), null, Map.of(), home);
    assertThat(fromFile.url()).isEqualTo("http://from-file:1");
    assertThat(fromFile.apiKey()).isEqualTo("file-key");
    assertThat(fromFile.adminToken()).isEqualTo("file-token");

    CliSettings fromEnv =
        CliSettings.resolve(new HashMap<>(), null, Map.of("REELGATE_API_KEY", "env-key"), home);
    assertThat(fromEnv.apiKey()).isEqualTo("env-key");
    assertThat(fromEnv.url()).isEqualTo("http://from-file:1");

    Map<String, String> options = new HashMap<>();
    options.put("api-key", "option-key");
    assertThat(
            CliSettings.resolve(options, null, Map.of("REELGATE_API_KEY", "env-key"), home)
                .apiKey())
        .isEqualTo("option-key");

    Path xdg = home.resolve("xdg");
    Files.createDirectories(xdg.resolve("reelgate"));
    Files.writeString(xdg.resolve("reelgate/config.properties"), "url=http://xdg:2\n");
    assertThat(
            CliSettings.resolve(
                    new HashMap<>(), null, Map.of("XDG_CONFIG_HOME", xdg.toString()), home)
                .url())
        .isEqualTo("http://xdg:2");

    assertThat(CliSettings.resolve(new HashMap<>(), null, Map.of(), home.resolve("nobody")).url())
        .isEqualTo(CliSettings.DEFAULT_URL);
    assertThatThrownBy(
            () ->
                CliSettings.resolve(
                    new HashMap<>(), home.resolve("missing.properties"), Map.of(), home))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--config");
  }

  @Test
  void serverFieldsMapToTheirOptions() {
    assertThat(RequestArgs.optionOf("input.duration")).isEqualTo("--duration");
    assertThat(RequestArgs.optionOf("input.aspect_ratio")).isEqualTo("--aspect");
    assertThat(RequestArgs.optionOf("input.image_urls[0]")).isEqualTo("--image");
    assertThat(RequestArgs.optionOf("provider")).isEqualTo("--provider");
    assertThat(RequestArgs.optionOf("input.seed")).isEqualTo("--input seed");
    assertThat(RequestArgs.optionOf(null)).isNull();
  }

  @Test
  void aLocalImageBecomesADataUri() throws Exception {
    Path png = home.resolve("frame.png");
    byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
    Files.write(png, bytes);
    assertThat(Images.toReference(png.toString()))
        .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(bytes));
    assertThat(Images.toReference("https://example.com/a.jpg"))
        .isEqualTo("https://example.com/a.jpg");
    Path text = home.resolve("notes.txt");
    Files.writeString(text, "hello");
    assertThatThrownBy(() -> Images.toReference(text.toString())).hasMessageContaining("--image");
    assertThatThrownBy(() -> Images.toReference("missing.png")).hasMessageContaining("--image");
  }

  @Test
  void durationsReadTheShortForms() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.convert("20m")).isEqualTo(Duration.ofMinutes(20));
    assertThat(c.convert("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(c.convert("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(c.convert("PT1H")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void verifiesTheStandardWebhooksReferenceExampleFromACapturedRequest() throws Exception {
    // github.com/standard-webhooks/standard-webhooks, libraries/go/webhook_test.go
    // (TestWebhookSign)
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String body = "{\"test\": 2432232314}";
    String raw =
        "POST /hook HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\n"
            + "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek\r\n"
            + "webhook-timestamp: 1614265330\r\n"
            + "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\r\n"
            + "\r\n"
            + body;
    Path captured = home.resolve("request.http");
    Files.writeString(captured, raw);
    long age = Duration.between(Instant.ofEpochSecond(1614265330L), Instant.now()).toDays() + 2;

    Run stale = run("webhooks", "verify", "--secret", secret, "--request", captured.toString());
    assertThat(stale.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(stale.err()).contains("older");

    Run ok =
        run(
            "webhooks",
            "verify",
            "--secret",
            secret,
            "--tolerance",
            age + "d",
            "--request",
            captured.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("verified").contains("msg_p5jXN8AQM9LWM0D4loKWxJek");

    Files.writeString(captured, raw.replace("2432232314", "2432232315"));
    Run tampered =
        run(
            "--json",
            "webhooks",
            "verify",
            "--secret",
            secret,
            "--tolerance",
            age + "d",
            "--request",
            captured.toString());
    assertThat(tampered.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(Views.JSON.readTree(tampered.out()).get("valid").asBoolean()).isFalse();
  }

  @Test
  void verifiesHeadersAndABodyFileWithTheSecretFromTheEnvironment() throws Exception {
    String secret =
        "whsec_"
            + Base64.getEncoder()
                .encodeToString(
                    "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\"task_1\",\"state\":\"success\"}}";
    Instant now = Instant.now();
    String signature = WebhookVerifier.of(secret).sign("msg_1", now, body);
    Path bodyFile = home.resolve("body.json");
    Files.writeString(bodyFile, body);
    Run r =
        run(
            Map.of("REELGATE_WEBHOOK_SECRET", secret),
            "webhooks",
            "verify",
            "--json",
            "-H",
            "webhook-id: msg_1",
            "-H",
            "Webhook-Timestamp: " + now.getEpochSecond(),
            "-H",
            "webhook-signature: " + signature,
            "--body",
            bodyFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Views.JSON.readTree(r.out()).get("valid").asBoolean()).isTrue();
    assertThat(run("webhooks", "verify", "--body", bodyFile.toString()).code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void exceptionsMapToTheDocumentedCodes() {
    assertThat(
            ExitCodes.of(
                new io.reelgate.client.BadRequestException(400, "m", null, "", "input.duration")))
        .isEqualTo(2);
    assertThat(ExitCodes.of(new io.reelgate.client.AuthenticationException(401, "m", null, "")))
        .isEqualTo(3);
    assertThat(
            ExitCodes.of(new io.reelgate.client.InsufficientCreditsException(402, "m", null, "")))
        .isEqualTo(4);
    assertThat(ExitCodes.of(new io.reelgate.client.NotFoundException(404, "m", null, "")))
        .isEqualTo(5);
    assertThat(ExitCodes.of(new io.reelgate.client.ConflictException(409, "m", null, "")))
        .isEqualTo(5);
    assertThat(ExitCodes.of(new io.reelgate.client.RateLimitedException(429, "m", null, "", null)))
        .isEqualTo(6);
    assertThat(ExitCodes.of(new io.reelgate.client.ServerException(500, "m", null, "", null)))
        .isEqualTo(7);
    assertThat(ExitCodes.of(new io.reelgate.client.WaitTimeoutException("m", null))).isEqualTo(8);
    assertThat(ExitCodes.of(new io.reelgate.client.WebhookVerificationException("m"))).isEqualTo(1);
    assertThat(
            Reelgate.message(
                new io.reelgate.client.BadRequestException(
                    400, "input.duration must be one of 4, 8, 12", null, "", "input.duration")))
        .isEqualTo("--duration: input.duration must be one of 4, 8, 12");
  }
}
