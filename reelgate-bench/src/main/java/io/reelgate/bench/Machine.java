package io.reelgate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** Facts about the machine and the checkout that go into the report's context. */
final class Machine {
  private Machine() {}

  static void describe(Report report, Options options) throws IOException, InterruptedException {
    report.context("date", Instant.now().toString());
    report.context("mode", options.quick() ? "quick" : "full");
    report.context("processors", Runtime.getRuntime().availableProcessors());
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    report.context(
        "memory", String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / 1073741824.0));
    String pretty = System.getProperty("os.name") + " " + System.getProperty("os.version");
    Path release = Path.of("/etc/os-release");
    if (Files.exists(release)) {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("PRETTY_NAME=")) {
          pretty =
              line.substring(12).replace("\"", "") + " (" + System.getProperty("os.version") + ")";
        }
      }
    }
    report.context("OS", pretty);
    report.context(
        "JDK",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    report.context("load average at the start", loadAverage());
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String rev = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor() == 0) {
        report.context("commit", rev);
      }
    } catch (IOException noGit) {
      // not in a checkout
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
