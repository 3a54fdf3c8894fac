package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSetupTest {
  @Test
  void postgresSettingsPointAtAFreshSchemaAndTakeTheUserOutOfTheUrl() {
    Map<String, String> env =
        ServerSetup.postgresEnv(
            "jdbc:postgresql://127.0.0.1:5432/test?user=bench&ssl=false", "reelgate_bench_1");

    assertThat(env)
        .containsEntry(
            "REELGATE_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?ssl=false&currentSchema=reelgate_bench_1")
        .containsEntry("REELGATE_DATABASE_USER", "bench")
        .containsEntry("SPRING_FLYWAY_SCHEMAS", "reelgate_bench_1")
        .containsEntry("SPRING_FLYWAY_DEFAULT_SCHEMA", "reelgate_bench_1");
    assertThat(ServerSetup.postgresEnv("jdbc:postgresql://db/test?user=postgres", "s"))
        .containsEntry("REELGATE_DATABASE_URL", "jdbc:postgresql://db/test?currentSchema=s");
  }

  @Test
  void theUserDefaultsToPostgres() {
    assertThat(ServerSetup.userOf("jdbc:postgresql://127.0.0.1/test")).isEqualTo("postgres");
    assertThat(ServerSetup.userOf("jdbc:postgresql://h/t?ssl=true&user=alice")).isEqualTo("alice");
  }

  @Test
  void configurationHasAPushAndAPollOnlyChannelAtTheStub() {
    String yaml =
        ServerSetup.config("http://127.0.0.1:1/stub-push/v1", "http://127.0.0.1:1/stub-poll/v1");

    assertThat(yaml)
        .contains("interval: 5s")
        .contains("- id: stub-push\n")
        .contains("base-url: http://127.0.0.1:1/stub-push/v1")
        .contains("webhook-secret: ${REELGATE_BENCH_WEBHOOK_SECRET}")
        .contains("- id: stub-poll\n")
        .contains("sora-2-pro: sora-2-pro");
    assertThat(yaml.indexOf("webhook-secret")).isEqualTo(yaml.lastIndexOf("webhook-secret"));
  }

  @Test
  void everyNodeGetsTheKeysCreditsAndConfiguration() {
    Map<String, String> env = ServerSetup.baseEnv(Path.of("/tmp/bench.yml"), "whsec_abc");

    assertThat(env)
        .containsEntry("REELGATE_CONFIG", "/tmp/bench.yml")
        .containsEntry("REELGATE_BOOTSTRAP_API_KEY", BenchContext.API_KEY)
        .containsEntry("REELGATE_BENCH_WEBHOOK_SECRET", "whsec_abc")
        .containsEntry("REELGATE_ALLOW_PRIVATE_NETWORKS", "true");
  }

  @Test
  void s3SettingsSelectTheBucketWithPathStyleAddressing() {
    Map<String, String> env = S3Store.env("b", "http://127.0.0.1:9000", "ak", "sk");

    assertThat(env)
        .containsEntry("REELGATE_STORAGE_S3_BUCKET", "b")
        .containsEntry("REELGATE_STORAGE_S3_ENDPOINT", "http://127.0.0.1:9000")
        .containsEntry("REELGATE_STORAGE_S3_REGION", "us-east-1")
        .containsEntry("REELGATE_STORAGE_S3_ACCESS_KEY", "ak")
        .containsEntry("REELGATE_STORAGE_S3_SECRET_KEY", "sk")
        .containsEntry("REELGATE_STORAGE_S3_PATH_STYLE", "true");
  }
}
