package io.reelgate.cli;

import io.reelgate.client.WebhookVerificationException;
import io.reelgate.client.WebhookVerifier;
import io.reelgate.client.apixo.WebhookDelivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reelgate webhooks}: verify a captured webhook; list, redeliver; the signing secret. */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description =
        "Verify captured webhooks, list and redeliver a task's webhooks, show the secret.",
    subcommands = {
      WebhooksCommand.Verify.class,
      WebhooksCommand.ListDeliveries.class,
      WebhooksCommand.Redeliver.class,
      WebhooksCommand.Secret.class
    })
final class WebhooksCommand implements Runnable {
  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a command: verify, list, redeliver or secret");
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check the Standard Webhooks signature of a captured request.",
        "",
        "Either --request FILE (the raw request: request line, headers, blank line, body; - for"
            + " standard input) or --header 'webhook-id: …' (three times) with --body FILE.",
        "Exit 0 when it verifies, 1 when it does not."
      })
  static final class Verify extends BaseCommand implements Callable<Integer> {
    static final class Source {
      @Option(names = "--request", paramLabel = "FILE", description = "The raw captured request.")
      Path request;

      @ArgGroup(exclusive = false)
      Parts parts;
    }

    static final class Parts {
      @Option(
          names = {"-H", "--header"},
          paramLabel = "NAME: VALUE",
          required = true,
          description = "A request header (webhook-id, webhook-timestamp, webhook-signature).")
      List<String> headers;

      @Option(
          names = "--body",
          paramLabel = "FILE",
          required = true,
          description = "The raw body; - for standard input.")
      Path body;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
        names = "--secret",
        paramLabel = "whsec_…",
        description =
            "Signing secret (REELGATE_WEBHOOK_SECRET, config webhook-secret; else asked from the gateway with the API key).")
    String secret;

    @Option(
        names = "--tolerance",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description =
            "Largest accepted age of webhook-timestamp (default 5m); e.g. 2d for an old capture.")
    Duration tolerance = WebhookVerifier.DEFAULT_TOLERANCE;

    @Override
    public Integer call() throws IOException {
      Map<String, String> headers = new LinkedHashMap<>();
      byte[] body;
      if (source.request != null) {
        CapturedRequest captured = CapturedRequest.parse(read(source.request));
        headers.putAll(captured.headers);
        body = captured.body;
      } else {
        for (String h : source.parts.headers) {
          int colon = h.indexOf(':');
          if (colon <= 0) {
            throw new CliException(
                ExitCodes.USAGE, "--header: expected 'name: value', got '" + h + "'");
          }
          headers.put(
              h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        body = read(source.parts.body);
      }
      String key = secret;
      if (key == null) {
        key = root().settings().webhookSecret();
      }
      if (key == null) {
        key = client().apixo().webhookSecret();
      }
      WebhookVerifier verifier;
      try {
        verifier = WebhookVerifier.of(key).withTolerance(tolerance);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, "--secret: " + e.getMessage());
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("webhookId", headers.get("webhook-id"));
      String ts = headers.get("webhook-timestamp");
      result.put("timestamp", ts);
      try {
        verifier.verify(headers, body);
      } catch (WebhookVerificationException e) {
        result.put("valid", false);
        result.put("reason", e.getMessage());
        if (json()) {
          printJson(result);
        }
        err().println("reelgate: the webhook does not verify: " + e.getMessage());
        err().flush();
        return ExitCodes.FAILED;
      }
      result.put("valid", true);
      if (json()) {
        printJson(result);
      } else {
        String when = "";
        try {
          when = " sent " + Instant.ofEpochSecond(Long.parseLong(ts.trim()));
        } catch (RuntimeException ignored) {
          // the verifier accepted it, so this does not happen
        }
        out().println("verified: webhook-id " + headers.get("webhook-id") + when);
        out().flush();
      }
      return ExitCodes.OK;
    }

    private static byte[] read(Path file) throws IOException {
      if (file.toString().equals("-")) {
        return System.in.readAllBytes();
      }
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCodes.USAGE, "no such file: " + file);
      }
      return Files.readAllBytes(file);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "A task's webhook deliveries with every attempt.")
  static final class ListDeliveries extends BaseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TASK_ID")
    String taskId;

    @Override
    public Integer call() {
      List<WebhookDelivery> deliveries = client().apixo().webhooks(taskId);
      if (json()) {
        printJson(Map.of("taskId", taskId, "deliveries", deliveries));
        return ExitCodes.OK;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"WEBHOOK", "STATE", "ATTEMPTS", "LAST STATUS", "URL"});
      for (WebhookDelivery d : deliveries) {
        String last = "";
        if (d.attempts() != null && !d.attempts().isEmpty()) {
          WebhookDelivery.Attempt a = d.attempts().get(d.attempts().size() - 1);
          last =
              a.statusCode() != null ? String.valueOf(a.statusCode()) : String.valueOf(a.error());
        }
        rows.add(
            new String[] {
              d.webhookId(), d.state(), String.valueOf(d.attemptCount()), last, d.url()
            });
      }
      Tables.print(out(), rows);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "redeliver",
      mixinStandardHelpOptions = true,
      description = "Send a task's webhook again (same webhook-id).")
  static final class Redeliver extends BaseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Parameters(index = "1", paramLabel = "WEBHOOK_ID")
    String webhookId;

    @Override
    public Integer call() {
      WebhookDelivery d = client().apixo().redeliver(taskId, webhookId);
      if (json()) {
        printJson(d);
      } else {
        out().println("redelivering " + d.webhookId() + " to " + d.url() + " (" + d.state() + ")");
        out().flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "secret",
      mixinStandardHelpOptions = true,
      description = "The webhook signing secret of the key's account.")
  static final class Secret extends BaseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      String s = client().apixo().webhookSecret();
      if (json()) {
        printJson(Map.of("secret", s));
      } else {
        out().println(s);
        out().flush();
      }
      return ExitCodes.OK;
    }
  }
}
