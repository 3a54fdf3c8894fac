package io.reelgate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs npm and Node.js scripts for the tests that drive the server from JavaScript clients. */
public final class NodeScripts {
  private NodeScripts() {}

  /**
   * Skips the calling test without npm on a developer's machine; CI installs it, so there it must
   * be found.
   *
   * @param what the test that is skipped, for the message
   */
  public static void requireNpm(String what) throws InterruptedException {
    boolean found;
    try {
      found = new ProcessBuilder("npm", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      found = false;
    }
    if (!found) {
      assertThat("true".equals(System.getenv("CI")))
          .as("npm is missing on CI; .ci/run installs it")
          .isFalse();
      Assumptions.abort("npm is not installed: " + what + " is skipped");
    }
  }

  /**
   * Runs {@code command} in {@code dir} with extra environment variables, failing the test when it
   * does not end within {@code seconds} or ends with a non-zero status.
   *
   * @return what it printed (standard output and error together)
   */
  public static String run(Path dir, List<String> command, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "run", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("%s timed out: %s", command, output).isTrue();
    assertThat(p.exitValue()).as("%s failed: %s", command, output).isZero();
    return output;
  }
}
