package io.reelgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ExtraConfigFileTest {
  @TempDir Path dir;

  StandardEnvironment environment(Map<String, Object> overrides) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "Config resource 'class path resource [application.yml]'",
                Map.of("reelgate.polling.interval", "5s", "reelgate.public-base-url", "")));
    return env;
  }

  @Test
  void unsetMeansNoExtraFile() {
    StandardEnvironment env = environment(Map.of());
    int before = env.getPropertySources().size();
    new ExtraConfigFile().postProcessEnvironment(env, null);
    assertThat(env.getPropertySources().size()).isEqualTo(before);
  }

  @Test
  void theFileWinsOverApplicationYmlButNotOverTheEnvironment() throws Exception {
    Path file = dir.resolve("reelgate.yml");
    Files.writeString(
        file,
        """
        reelgate:
          polling:
            interval: 2s
          public-base-url: https://from-file.example
          channels:
            - id: fal-veo
              protocol: fal
        """);
    StandardEnvironment env =
        environment(
            Map.of(
                "REELGATE_CONFIG",
                file.toString(),
                "reelgate.public-base-url",
                "https://from-env.example"));
    new ExtraConfigFile().postProcessEnvironment(env, null);
    assertThat(env.getProperty("reelgate.polling.interval")).isEqualTo("2s");
    assertThat(env.getProperty("reelgate.public-base-url")).isEqualTo("https://from-env.example");
    assertThat(env.getProperty("reelgate.channels[0].protocol")).isEqualTo("fal");
  }

  @Test
  void aMissingFileStopsTheStartSayingSo() {
    StandardEnvironment env =
        environment(Map.of("REELGATE_CONFIG", dir.resolve("nope.yml").toString()));
    assertThatThrownBy(() -> new ExtraConfigFile().postProcessEnvironment(env, null))
        .hasMessageContaining("REELGATE_CONFIG names")
        .hasMessageContaining("nope.yml")
        .hasMessageContaining("not a readable file");
  }

  @Test
  void brokenYamlStopsTheStartSayingSo() throws Exception {
    Path file = dir.resolve("broken.yml");
    Files.writeString(file, "reelgate:\n  channels: [\n");
    StandardEnvironment env = environment(Map.of("REELGATE_CONFIG", file.toString()));
    assertThatThrownBy(() -> new ExtraConfigFile().postProcessEnvironment(env, null))
        .hasMessageContaining("not valid YAML");
  }
}
