package io.reelgate.server.bootstrap;

import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.WebhookSecrets;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.config.ReelgateSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure an account exists after start-up. With {@code REELGATE_BOOTSTRAP_API_KEY}, that key
 * belongs to the bootstrap account (created with {@code REELGATE_BOOTSTRAP_CREDITS} the first
 * time). Without it, a key is generated on first start, printed once and saved in {@code
 * <data-dir>/bootstrap-api-key}. With {@code REELGATE_BOOTSTRAP_WEBHOOK_SECRET} ({@code
 * whsec_...}), that account's webhooks are signed with it; otherwise it has a generated secret.
 */
@Component
public class BootstrapAccount implements ApplicationRunner {
  static final String ACCOUNT_NAME = "bootstrap";
  private static final Logger log = LoggerFactory.getLogger(BootstrapAccount.class);

  private final ReelgateSettings settings;
  private final Wallet wallet;
  private final ApiKeys keys;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final WebhookSecrets webhookSecrets;

  public BootstrapAccount(
      ReelgateSettings settings,
      Wallet wallet,
      ApiKeys keys,
      JdbcClient jdbc,
      TransactionTemplate tx,
      WebhookSecrets webhookSecrets) {
    this.settings = settings;
    this.wallet = wallet;
    this.keys = keys;
    this.jdbc = jdbc;
    this.tx = tx;
    this.webhookSecrets = webhookSecrets;
  }

  @Override
  public void run(ApplicationArguments args) {
    String configured = settings.bootstrap().apiKey();
    Path keyFile = settings.dataDir().resolve("bootstrap-api-key");
    if (configured != null && !configured.isBlank()) {
      ensure(configured.trim());
      return;
    }
    if (Files.exists(keyFile)) {
      String saved = read(keyFile);
      ensure(saved);
      log.info("Bootstrap API key is in {}", keyFile.toAbsolutePath());
      return;
    }
    String generated = ApiKeys.generate();
    ensure(generated);
    write(keyFile, generated);
    log.info(
        "\n\n    Generated API key (shown once, saved in {}):\n\n        {}\n",
        keyFile.toAbsolutePath(),
        generated);
  }

  private void ensure(String rawKey) {
    tx.executeWithoutResult(
        status -> {
          if (keys.exists(rawKey)) {
            return;
          }
          String accountId =
              findAccount()
                  .orElseGet(
                      () -> wallet.createAccount(ACCOUNT_NAME, settings.bootstrap().credits()));
          keys.register(accountId, rawKey);
        });
    String secret = settings.bootstrap().webhookSecret();
    if (secret != null && !secret.isBlank()) {
      keys.authenticate(rawKey)
          .ifPresent(caller -> webhookSecrets.set(caller.accountId(), secret.trim()));
    }
  }

  private Optional<String> findAccount() {
    return jdbc
        .sql("SELECT id FROM accounts WHERE name = ? ORDER BY created_at")
        .param(ACCOUNT_NAME)
        .query(String.class)
        .list()
        .stream()
        .findFirst();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String key) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, key + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // why: without POSIX permissions the data directory's own access rules apply
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the bootstrap key to " + file, e);
    }
  }
}
