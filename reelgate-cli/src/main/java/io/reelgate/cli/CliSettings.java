package io.reelgate.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the command finds the gateway and its credentials. Each setting is taken from the first
 * place that has it: the command-line option, the environment ({@code REELGATE_URL}, {@code
 * REELGATE_API_KEY}, {@code REELGATE_ADMIN_TOKEN}, {@code REELGATE_WEBHOOK_SECRET}), the config
 * file (keys {@code url}, {@code api-key}, {@code admin-token}, {@code webhook-secret}), the
 * default ({@code http://localhost:8080} for the URL).
 *
 * <p>The config file is {@code --config FILE}, else {@code
 * $XDG_CONFIG_HOME/reelgate/config.properties}, else {@code ~/.config/reelgate/config.properties};
 * a missing default file is no error.
 */
public final class CliSettings {
  /** The URL used when nothing names one. */
  public static final String DEFAULT_URL = "http://localhost:8080";

  private final String url;
  private final String apiKey;
  private final String adminToken;
  private final String webhookSecret;
  private final Path configFile;

  private CliSettings(
      String url, String apiKey, String adminToken, String webhookSecret, Path configFile) {
    this.url = url;
    this.apiKey = apiKey;
    this.adminToken = adminToken;
    this.webhookSecret = webhookSecret;
    this.configFile = configFile;
  }

  /**
   * Resolves the settings.
   *
   * @param options values given on the command line (null where not given): url, api-key,
   *     admin-token, webhook-secret
   * @param explicitConfig the {@code --config} file, or null
   * @param env the environment
   * @param home the user's home directory
   */
  public static CliSettings resolve(
      Map<String, String> options, Path explicitConfig, Map<String, String> env, Path home) {
    Path file = explicitConfig != null ? explicitConfig : defaultConfig(env, home);
    Properties props = new Properties();
    if (explicitConfig != null && !Files.isRegularFile(explicitConfig)) {
      throw new CliException(ExitCodes.USAGE, "--config: no such file: " + explicitConfig);
    }
    if (file != null && Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException e) {
        throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
      }
    }
    return new CliSettings(
        pick(options.get("url"), env.get("REELGATE_URL"), props.getProperty("url"), DEFAULT_URL),
        pick(
            options.get("api-key"),
            env.get("REELGATE_API_KEY"),
            props.getProperty("api-key"),
            null),
        pick(
            options.get("admin-token"),
            env.get("REELGATE_ADMIN_TOKEN"),
            props.getProperty("admin-token"),
            null),
        pick(
            options.get("webhook-secret"),
            env.get("REELGATE_WEBHOOK_SECRET"),
            props.getProperty("webhook-secret"),
            null),
        file);
  }

  static Path defaultConfig(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "reelgate", "config.properties");
    }
    return home == null
        ? null
        : home.resolve(".config").resolve("reelgate").resolve("config.properties");
  }

  private static String pick(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  public String url() {
    return url;
  }

  public String apiKey() {
    return apiKey;
  }

  public String adminToken() {
    return adminToken;
  }

  public String webhookSecret() {
    return webhookSecret;
  }

  /** The config file that was (or would have been) read, or null. */
  public Path configFile() {
    return configFile;
  }
}
