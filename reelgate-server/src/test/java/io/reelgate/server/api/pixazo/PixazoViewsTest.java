package io.reelgate.server.api.pixazo;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.bootstrap.PublicUrls;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.storage.SignedUrls;
import io.reelgate.server.task.TaskRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How task records look in Pixazo's status and result shapes, state by state. */
class PixazoViewsTest {
  static final long CREATED = Instant.parse("2026-03-31T10:00:00Z").toEpochMilli();
  static final long DONE = Instant.parse("2026-03-31T10:00:15Z").toEpochMilli();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T10:00:42.500Z"), ZoneOffset.UTC);

  static final JsonMapper JSON = JsonMapper.builder().build();

  final PixazoViews views = new PixazoViews(signedUrls(), CLOCK);

  @Test
  void internalStatesMapOntoTheSeedsFiveStatuses() {
    assertThat(status(task(TaskState.QUEUED, null, null))).isEqualTo("QUEUED");
    assertThat(status(task(TaskState.RUNNING, null, null))).isEqualTo("PROCESSING");
    assertThat(status(task(TaskState.STORING, null, null))).isEqualTo("PROCESSING");
    assertThat(status(task(TaskState.SUCCEEDED, null, null))).isEqualTo("COMPLETED");
    assertThat(status(task(TaskState.CANCELLED, null, null))).isEqualTo("ERROR");
    assertThat(status(task(TaskState.FAILED, null, "?"))).isEqualTo("ERROR");
    for (FailureCode code : FailureCode.values()) {
      assertThat(status(task(TaskState.FAILED, code, "why")))
          .as("%s", code)
          .isEqualTo(code.causedByRequest() ? "FAILED" : "ERROR");
    }
  }

  @Test
  void resultStatusesAreTheLowerCaseVideoStatuses() {
    assertThat(PixazoViews.resultStatusOf(TaskState.QUEUED)).isEqualTo("queued");
    assertThat(PixazoViews.resultStatusOf(TaskState.RUNNING)).isEqualTo("in_progress");
    assertThat(PixazoViews.resultStatusOf(TaskState.STORING)).isEqualTo("in_progress");
    assertThat(PixazoViews.resultStatusOf(TaskState.SUCCEEDED)).isEqualTo("completed");
    assertThat(PixazoViews.resultStatusOf(TaskState.FAILED)).isEqualTo("failed");
    assertThat(PixazoViews.resultStatusOf(TaskState.CANCELLED)).isEqualTo("failed");
  }

  @Test
  void aCompletedTaskHasItsVideoAndIsoTimestampsWithMilliseconds() {
    Map<String, Object> body = map(views.status(task(TaskState.SUCCEEDED, null, null)));
    assertThat(body.keySet())
        .containsExactly(
            "request_id",
            "status",
            "model_id",
            "error",
            "output",
            "created_at",
            "updated_at",
            "completed_at",
            "expires_at",
            "expired");
    assertThat(body.get("expires_at")).isEqualTo("2026-04-15T10:00:15.000Z");
    assertThat(body.get("expired")).isEqualTo(false);
    assertThat(body.get("model_id")).isEqualTo("sora-video");
    assertThat(body.get("error")).isNull();
    assertThat(body.get("created_at")).isEqualTo("2026-03-31T10:00:00.000Z");
    assertThat(body.get("completed_at")).isEqualTo("2026-03-31T10:00:15.000Z");
    @SuppressWarnings("unchecked")
    Map<String, Object> output = (Map<String, Object>) body.get("output");
    assertThat(output.get("media_type")).isEqualTo("video/mp4");
    assertThat((List<?>) output.get("media_url"))
        .singleElement()
        .asString()
        .startsWith("http://gateway.test/files/results/t/video.mp4?expires=");
  }

  @Test
  void anUnfinishedTaskShowsNoErrorEvenBetweenRetries() {
    Map<String, Object> body = map(views.status(task(TaskState.RUNNING, null, "upstream hiccup")));
    assertThat(body.get("error")).isNull();
    assertThat(body.get("output")).isNull();
    assertThat(body.get("completed_at")).isNull();
  }

  @Test
  void aFailedTaskSaysWhyWithItsFailureCode() {
    Map<String, Object> body =
        map(views.status(task(TaskState.FAILED, FailureCode.UPSTREAM_ERROR, "upstream is down")));
    assertThat(body.get("status")).isEqualTo("ERROR");
    assertThat(body.get("error")).isEqualTo("UPSTREAM_ERROR: upstream is down");
    assertThat(body.get("output")).isNull();
    assertThat(body.get("completed_at")).isEqualTo("2026-03-31T10:00:15.000Z");
  }

  @Test
  void tasksOfOtherModelsKeepTheirCatalogId() {
    assertThat(PixazoViews.modelId("sora-2-pro")).isEqualTo("sora-video");
    assertThat(PixazoViews.modelId("sora-2")).isEqualTo("sora-video");
    assertThat(PixazoViews.modelId("veo-3-1")).isEqualTo("veo-3-1");
  }

  @Test
  void theResultOfAnUnfinishedTaskCountsPollingTimeUpToNow() {
    Map<String, Object> body = map(views.result(task(TaskState.RUNNING, null, null)));
    assertThat(body.get("status")).isEqualTo("in_progress");
    assertThat(body.get("completed_at")).isNull();
    assertThat(body).doesNotContainKey("video_url");
    assertThat(body.get("metadata"))
        .isEqualTo(Map.of("total_attempts", 3, "polling_duration_seconds", 42L));
  }

  @Test
  void theResultOfACompletedTaskHasUnixMillisAndTheVideo() {
    Map<String, Object> body = map(views.result(task(TaskState.SUCCEEDED, null, null)));
    assertThat(body.get("model")).isEqualTo("sora-2-pro");
    assertThat(body.get("prompt")).isEqualTo("a lighthouse");
    assertThat(body.get("created_at")).isEqualTo(CREATED);
    assertThat(body.get("completed_at")).isEqualTo(DONE);
    assertThat(body.get("video_url").toString()).startsWith("http://gateway.test/files/");
    assertThat(body.get("metadata"))
        .isEqualTo(Map.of("total_attempts", 3, "polling_duration_seconds", 15L));
  }

  /** A body as the JSON mapper writes it: its fields by wire name, in order. */
  private static Map<String, Object> map(Object body) {
    return JSON.convertValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  private static String status(TaskRecord task) {
    return PixazoViews.statusOf(task);
  }

  private static TaskRecord task(TaskState state, FailureCode code, String message) {
    GenerationRequest request =
        new GenerationRequest(
            "sora-2-pro",
            GenerationKind.TEXT_TO_VIDEO,
            "a lighthouse",
            4,
            OutputSize.of(1280, 720),
            List.of(),
            null,
            Routing.OFFICIAL,
            null,
            Map.of());
    boolean terminal = state.isTerminal();
    return new TaskRecord(
        "sora-video_0192f0c1-0000-7000-8000-000000000000",
        "acc",
        "key",
        "sora-2-pro",
        "pixazo",
        state,
        3,
        request,
        120,
        null,
        "local",
        null,
        1280,
        720,
        state == TaskState.SUCCEEDED ? "results/t/video.mp4" : null,
        null,
        code,
        message,
        2,
        CREATED,
        DONE,
        CREATED + 10,
        terminal ? DONE : null,
        null);
  }

  private static SignedUrls signedUrls() {
    ReelgateSettings settings =
        new ReelgateSettings(
            Path.of("unused"),
            "http://gateway.test/",
            "",
            false,
            new ReelgateSettings.Bootstrap("", 0, ""),
            ReelgateSettings.Storage.of(Duration.ofDays(15), "test-signing-key"),
            new ReelgateSettings.Local(1),
            new ReelgateSettings.Images(
                1024, 40_000_000, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            new ReelgateSettings.Webhooks(List.of(Duration.ZERO), Duration.ofSeconds(1), 1));
    return new SignedUrls(settings, null, CLOCK, new PublicUrls(settings));
  }
}
