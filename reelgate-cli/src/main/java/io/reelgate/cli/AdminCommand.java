package io.reelgate.cli;

import io.reelgate.client.admin.Account;
import io.reelgate.client.admin.ApiKeyInfo;
import io.reelgate.client.admin.ChannelInfo;
import io.reelgate.client.admin.CreatedAccount;
import io.reelgate.client.admin.CreatedKey;
import io.reelgate.client.admin.KeyLimitParams;
import io.reelgate.client.admin.KeyLimits;
import io.reelgate.client.admin.LedgerEntry;
import io.reelgate.client.admin.LedgerPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reelgate admin}: the operator's API; needs the admin token. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Operator commands (need --admin-token or REELGATE_ADMIN_TOKEN).",
    subcommands = {
      AdminCommand.Accounts.class,
      AdminCommand.Credits.class,
      AdminCommand.Keys.class,
      AdminCommand.Channels.class
    })
final class AdminCommand implements Runnable {
  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a command: accounts, credits, keys or channels");
  }

  static void account(BaseCommand c, Account a) {
    if (c.json()) {
      c.printJson(a);
      return;
    }
    Tables.line(c.out(), "account", a.accountId());
    Tables.line(c.out(), "name", a.name());
    Tables.line(c.out(), "balance", a.balance());
    Tables.line(c.out(), "reserved", a.reserved());
    Tables.line(c.out(), "spent", a.spent());
    Tables.line(c.out(), "created", a.createdAt());
    c.out().flush();
  }

  @Command(
      name = "accounts",
      mixinStandardHelpOptions = true,
      description = "Create and show accounts, read their ledger.",
      subcommands = {Accounts.Create.class, Accounts.Show.class, Accounts.Ledger.class})
  static final class Accounts implements Runnable {
    @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing a command: create, show or ledger");
    }

    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create an account with a first API key.")
    static final class Create extends BaseCommand implements Callable<Integer> {
      @Parameters(paramLabel = "NAME", description = "The account's name.")
      String name;

      @Option(names = "--credits", description = "Starting credits (default 0).")
      long credits;

      @Override
      public Integer call() {
        CreatedAccount a = client().admin().createAccount(name, credits);
        if (json()) {
          printJson(a);
        } else {
          Tables.line(out(), "account", a.accountId());
          Tables.line(out(), "name", a.name());
          Tables.line(out(), "balance", a.balance());
          Tables.line(out(), "keyId", a.keyId());
          Tables.line(out(), "apiKey", a.apiKey());
          Tables.line(out(), "webhookSecret", a.webhookSecret());
          out().println("(the API key is shown only now)");
          out().flush();
        }
        return ExitCodes.OK;
      }
    }

    @Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show an account's wallet.")
    static final class Show extends BaseCommand implements Callable<Integer> {
      @Parameters(paramLabel = "ACCOUNT_ID")
      String accountId;

      @Override
      public Integer call() {
        account(this, client().admin().account(accountId));
        return ExitCodes.OK;
      }
    }

    @Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        description = "An account's ledger, newest first.")
    static final class Ledger extends BaseCommand implements Callable<Integer> {
      @Parameters(paramLabel = "ACCOUNT_ID")
      String accountId;

      @Option(
          names = {"-n", "--limit"},
          description = "Entries (1-1000, default 100).")
      Integer limit;

      @Option(names = "--before", description = "Only entries older than this entry id.")
      Long before;

      @Override
      public Integer call() {
        LedgerPage page = client().admin().ledger(accountId, limit, before);
        if (json()) {
          printJson(page);
          return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "AT", "KIND", "AMOUNT", "RESERVED", "TASK", "NOTE"});
        for (LedgerEntry e : page.entries()) {
          rows.add(
              new String[] {
                String.valueOf(e.id()),
                String.valueOf(e.at()),
                e.kind(),
                String.valueOf(e.amount()),
                String.valueOf(e.reserved()),
                e.taskId() == null ? "" : e.taskId(),
                e.note() == null ? "" : e.note()
              });
        }
        Tables.print(out(), rows);
        if (page.nextBefore() != null) {
          out().println("more: --before " + page.nextBefore());
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "credits",
      mixinStandardHelpOptions = true,
      description =
          "Grant (positive) or deduct (negative) credits, e.g. `admin credits acc_… -- -500`.")
  static final class Credits extends BaseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
    String accountId;

    @Parameters(
        index = "1",
        paramLabel = "AMOUNT",
        description = "Credits to add; negative to deduct.")
    long amount;

    @Option(names = "--note", description = "Why (kept in the ledger).")
    String note;

    @Override
    public Integer call() {
      account(this, client().admin().adjustCredits(accountId, amount, note));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "keys",
      mixinStandardHelpOptions = true,
      description = "List, create and revoke API keys; show or set their limits.",
      subcommands = {Keys.ListKeys.class, Keys.Create.class, Keys.Revoke.class, Keys.Limits.class})
  static final class Keys implements Runnable {
    @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing a command: list, create, revoke or limits");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "An account's keys.")
    static final class ListKeys extends BaseCommand implements Callable<Integer> {
      @Parameters(paramLabel = "ACCOUNT_ID")
      String accountId;

      @Override
      public Integer call() {
        List<ApiKeyInfo> keys = client().admin().keys(accountId);
        if (json()) {
          printJson(Map.of("keys", keys));
          return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KEY", "PREFIX", "CREATED", "REVOKED"});
        for (ApiKeyInfo k : keys) {
          rows.add(
              new String[] {
                k.keyId(),
                k.prefix(),
                String.valueOf(k.createdAt()),
                k.revokedAt() == null ? "" : k.revokedAt().toString()
              });
        }
        Tables.print(out(), rows);
        return ExitCodes.OK;
      }
    }

    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create a key for an account.")
    static final class Create extends BaseCommand implements Callable<Integer> {
      @Parameters(paramLabel = "ACCOUNT_ID")
      String accountId;

      @Override
      public Integer call() {
        CreatedKey key = client().admin().createKey(accountId);
        if (json()) {
          printJson(key);
        } else {
          Tables.line(out(), "keyId", key.keyId());
          Tables.line(out(), "apiKey", key.apiKey());
          out().println("(the API key is shown only now)");
          out().flush();
        }
        return ExitCodes.OK;
      }
    }

    @Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revoke a key at once.")
    static final class Revoke extends BaseCommand implements Callable<Integer> {
      @Parameters(paramLabel = "KEY_ID")
      String keyId;

      @Override
      public Integer call() {
        client().admin().revokeKey(keyId);
        if (json()) {
          printJson(Map.of("keyId", keyId, "revoked", true));
        } else {
          out().println("revoked " + keyId);
          out().flush();
        }
        return ExitCodes.OK;
      }
    }

    @Command(
        name = "limits",
        mixinStandardHelpOptions = true,
        description =
            "Show a key's limits; with --model, --rpm and --concurrent, set them for that model first.")
    static final class Limits extends BaseCommand implements Callable<Integer> {
      @Parameters(paramLabel = "KEY_ID")
      String keyId;

      @Option(
          names = {"-m", "--model"},
          description = "The model whose limits to set.")
      String model;

      @Option(names = "--rpm", paramLabel = "N", description = "Submissions per minute.")
      Integer rpm;

      @Option(names = "--concurrent", paramLabel = "N", description = "Unfinished tasks at once.")
      Integer concurrent;

      @Override
      public Integer call() {
        KeyLimits limits;
        if (model != null || rpm != null || concurrent != null) {
          if (model == null || rpm == null || concurrent == null) {
            throw new CliException(ExitCodes.USAGE, "--model, --rpm and --concurrent go together");
          }
          limits =
              client()
                  .admin()
                  .setKeyLimits(
                      keyId,
                      KeyLimitParams.builder()
                          .model(model)
                          .requestsPerMinute(rpm)
                          .concurrentTasks(concurrent)
                          .build());
        } else {
          limits = client().admin().keyLimits(keyId);
        }
        if (json()) {
          printJson(limits);
          return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"MODEL", "PER MINUTE", "CONCURRENT", "SET FOR KEY"});
        for (KeyLimits.ModelLimit l : limits.limits()) {
          rows.add(
              new String[] {
                l.model(),
                String.valueOf(l.requestsPerMinute()),
                String.valueOf(l.concurrentTasks()),
                l.overridden() ? "yes" : "no"
              });
        }
        Tables.print(out(), rows);
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "channels",
      mixinStandardHelpOptions = true,
      description = "Upstream channels and their health.")
  static final class Channels extends BaseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      List<ChannelInfo> channels = client().admin().channels();
      if (json()) {
        printJson(Map.of("channels", channels));
        return ExitCodes.OK;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "CHANNEL", "PROTOCOL", "ROUTE", "COST", "HEALTH", "ERRORS", "IN FLIGHT", "MODELS"
          });
      for (ChannelInfo c : channels) {
        rows.add(
            new String[] {
              c.id(),
              c.protocol(),
              c.route(),
              String.valueOf(c.cost()),
              c.health() == null ? "" : c.health().state(),
              c.recentErrorRate() == null ? "-" : Math.round(c.recentErrorRate() * 100) + "%",
              c.inFlight() + "/" + c.maxConcurrent(),
              c.models() == null ? "" : String.join(", ", c.models())
            });
      }
      Tables.print(out(), rows);
      return ExitCodes.OK;
    }
  }
}
