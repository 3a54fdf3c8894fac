package io.reelgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps every main class of the server small enough to read in one sitting: no source file under
 * {@code src/main/java} is over {@value #MAX_LINES} lines. Split a file that grows past it by
 * responsibility rather than raising the limit.
 */
class SourceSizeTest {
  static final int MAX_LINES = 300;

  /** The module's main sources; Maven runs tests with the module directory as working directory. */
  private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

  @Test
  void noMainSourceFileIsOverTheLimit() throws IOException {
    assertThat(MAIN_SOURCES).as("main sources of reelgate-server").isDirectory();
    List<Sized> sources;
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      sources =
          files
              .filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f))
              .sorted()
              .map(f -> new Sized(MAIN_SOURCES.relativize(f), lines(f)))
              .toList();
    }
    assertThat(sources).as("java files under %s", MAIN_SOURCES).isNotEmpty();
    List<String> tooLong =
        sources.stream()
            .filter(s -> s.lines() > MAX_LINES)
            .map(s -> s.file() + ": " + s.lines() + " lines")
            .toList();
    assertThat(tooLong)
        .as("source files over %d lines (split them by responsibility)", MAX_LINES)
        .isEmpty();
  }

  @Test
  void theCountIsTheNumberOfLines() throws IOException {
    Path file = Files.createTempFile("source-size", ".java");
    try {
      Files.writeString(file, "class A {\n}\n");
      assertThat(lines(file)).isEqualTo(2);
      Files.writeString(file, "class A {\n}");
      assertThat(lines(file)).isEqualTo(2);
    } finally {
      Files.delete(file);
    }
  }

  private record Sized(Path file, long lines) {}

  /** Lines as {@code wc -l} counts them, plus a last line without a line break. */
  static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
