package io.reelgate.server.engine.internal;

import static io.reelgate.server.engine.internal.StaleWorkIT.EARLIER;
import static io.reelgate.server.engine.internal.StaleWorkIT.plant;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.ServerTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A server started on a data directory that a killed node left removes its half-written render
 * payloads, the work directories of tasks that are gone and the unfinished copies into {@code
 * results/}, and keeps the stored results.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StartupSweepIT {
  static final Path DATA = ServerTest.tempDataDir("reelgate-sweep");
  static final Path PAYLOAD = DATA.resolve("work/.reelgate-5150.mdat");
  static final Path GONE_TASK = DATA.resolve("work/task_01unknown");
  static final Path RESULT_PART = DATA.resolve("results/task_01unknown/video.mp4123.part");
  static final Path RESULT = DATA.resolve("results/task_01unknown/video.mp4");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    plant(PAYLOAD, EARLIER);
    plant(GONE_TASK.resolve(".reelgate-1.mdat"), EARLIER);
    plant(GONE_TASK.resolve("video.mp4"), EARLIER);
    plant(RESULT_PART, EARLIER);
    plant(RESULT, EARLIER);
    ServerTest.embeddedServer(registry, DATA, "rg_test_sweep_0123456789");
  }

  @Test
  void theStartRemovedWhatTheKilledNodeLeft() {
    assertThat(PAYLOAD).doesNotExist();
    assertThat(GONE_TASK).doesNotExist();
    assertThat(RESULT_PART).doesNotExist();
    assertThat(RESULT).exists();
    assertThat(DATA.resolve("work")).isDirectory();
  }
}
