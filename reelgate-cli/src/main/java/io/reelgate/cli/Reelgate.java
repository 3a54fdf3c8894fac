package io.reelgate.cli;

import io.reelgate.client.ApiException;
import io.reelgate.client.BadRequestException;
import io.reelgate.client.MissingCredentialException;
import io.reelgate.client.ReelgateClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code reelgate} command. */
@Command(
    name = "reelgate",
    mixinStandardHelpOptions = true,
    version = "reelgate " + ReelgateClient.VERSION,
    description = {
      "The command line of a Reelgate video-generation gateway.",
      "",
      "Settings: an option, else REELGATE_URL / REELGATE_API_KEY / REELGATE_ADMIN_TOKEN /"
          + " REELGATE_WEBHOOK_SECRET, else the config file (url=, api-key=, admin-token=,"
          + " webhook-secret=), else http://localhost:8080."
    },
    subcommands = {
      GenerateCommand.class,
      StatusCommand.class,
      WaitCommand.class,
      CancelCommand.class,
      TasksCommand.class,
      ModelsCommand.class,
      EstimateCommand.class,
      AdminCommand.class,
      WebhooksCommand.class,
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:the task failed or was cancelled; the webhook did not verify",
      "2:invalid input: a bad option or argument, or a field the server refused",
      "3:no API key or admin token, or a wrong or revoked one",
      "4:not enough credits",
      "5:no such task, model, account or key; or a conflict with its state",
      "6:still rate limited after retries",
      "7:the server failed or could not be reached",
      "8:the task was not final within --timeout"
    })
public final class Reelgate implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "The gateway (REELGATE_URL; default http://localhost:8080).")
  String url;

  @Option(
      names = "--api-key",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY",
      description = "API key (REELGATE_API_KEY).")
  String apiKey;

  @Option(
      names = "--admin-token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN",
      description = "Admin token for `admin` commands (REELGATE_ADMIN_TOKEN).")
  String adminToken;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Config file (default $XDG_CONFIG_HOME/reelgate/config.properties or"
              + " ~/.config/reelgate/config.properties).")
  Path config;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print results as JSON on standard output, for scripts.")
  boolean json;

  @Option(
      names = "--no-progress",
      scope = ScopeType.INHERIT,
      description = "Show no progress on standard error.")
  boolean noProgress;

  private final Map<String, String> env;
  private final Path home;
  private CliSettings settings;
  private ReelgateClient client;

  Reelgate(Map<String, String> env, Path home) {
    this.env = env;
    this.home = home;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
  }

  /** The settings, resolved once. */
  CliSettings settings() {
    if (settings == null) {
      Map<String, String> options = new HashMap<>();
      options.put("url", url);
      options.put("api-key", apiKey);
      options.put("admin-token", adminToken);
      settings = CliSettings.resolve(options, config, env, home);
    }
    return settings;
  }

  /** The client for these settings. */
  ReelgateClient client() {
    if (client == null) {
      CliSettings s = settings();
      try {
        client =
            ReelgateClient.builder()
                .baseUrl(s.url())
                .apiKey(s.apiKey())
                .adminToken(s.adminToken())
                .userAgent("reelgate-cli/" + ReelgateClient.VERSION)
                .build();
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, "--url: " + e.getMessage());
      }
    }
    return client;
  }

  /** Runs the command line with this environment and streams; returns the exit code. */
  static int execute(
      String[] args, Map<String, String> env, Path home, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new Reelgate(env, home));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(
        (ex, arguments) -> {
          CommandLine failed = ex.getCommandLine();
          failed.getErr().println("reelgate: " + ex.getMessage());
          failed
              .getErr()
              .println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more.");
          failed.getErr().flush();
          return ExitCodes.USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (ex, failed, parseResult) -> {
          failed.getErr().println("reelgate: " + message(ex));
          failed.getErr().flush();
          return ExitCodes.of(ex);
        });
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static String message(Exception e) {
    if (e instanceof MissingCredentialException) {
      return e.getMessage().contains("admin")
          ? "no admin token: set REELGATE_ADMIN_TOKEN, --admin-token or admin-token= in the config file"
          : "no API key: set REELGATE_API_KEY, --api-key or api-key= in the config file";
    }
    if (e instanceof BadRequestException) {
      BadRequestException bad = (BadRequestException) e;
      String option = RequestArgs.optionOf(bad.field());
      String text = bad.errorMessage() == null ? bad.getMessage() : bad.errorMessage();
      return option == null ? text : option + ": " + text;
    }
    if (e instanceof ApiException) {
      ApiException api = (ApiException) e;
      return api.errorMessage() == null
          ? "the server answered " + api.getMessage()
          : api.errorMessage() + " (HTTP " + api.statusCode() + ")";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Runs {@code reelgate}. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    String home = System.getProperty("user.home");
    System.exit(execute(args, System.getenv(), home == null ? null : Path.of(home), out, err));
  }
}
