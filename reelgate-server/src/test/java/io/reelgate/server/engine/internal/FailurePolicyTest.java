package io.reelgate.server.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.FailureCategory;
import io.reelgate.server.engine.StorageUnavailableException;
import io.reelgate.server.engine.internal.FailurePolicy.Decision;
import io.reelgate.server.support.SettableClock;
import io.reelgate.server.task.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The failure policy decides from the failure's data alone, in its documented order. */
class FailurePolicyTest {
  final FailurePolicy policy = new FailurePolicy(task -> Optional.of("next-channel"));
  final FailurePolicy nothingUntried = new FailurePolicy(task -> Optional.empty());

  static TaskRecord task(Routing routing, int attempts) {
    GenerationRequest r =
        new GenerationRequest(
            "veo-3-1",
            GenerationKind.TEXT_TO_VIDEO,
            "p",
            8,
            OutputSize.of(1280, 720),
            List.of(),
            "quality",
            routing,
            null,
            Map.of());
    TaskRecord q = TaskRecord.queued("task_1", "acct", "key", "apixo", r, 1, null, 0);
    return q.change().attempts(attempts).apply(0);
  }

  static Failure upstream(FailureCategory category, boolean retryable, boolean jobMayExist) {
    return new Failure(
        Failure.Kind.UPSTREAM,
        category,
        category.defaultCode(),
        retryable,
        null,
        jobMayExist,
        "upstream said no");
  }

  @Test
  void aShutdownLeavesTheTaskAsStored() {
    Failure f = new Failure(Failure.Kind.SHUTDOWN, null, null, true, null, true, "stop");
    assertThat(policy.decide(task(Routing.AUTO, 0), f, true, false))
        .isInstanceOf(Decision.Resume.class);
  }

  @Test
  void anUnavailableStoreIsWaitedForWithGrowingPausesWhateverTheTriesThenTheTaskFails() {
    SettableClock clock = new SettableClock(Instant.ofEpochMilli(0));
    FailurePolicy waiting = new FailurePolicy(task -> Optional.empty(), clock, Duration.ofHours(1));
    Failure store = Failure.of(new StorageUnavailableException("store down", null));
    TaskRecord storing = task(Routing.OFFICIAL, FailurePolicy.MAX_ATTEMPTS - 1);

    assertThat(waiting.decide(storing, store, false, false))
        .isEqualTo(new Decision.WaitForStore(Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(30));
    assertThat(waiting.decide(storing, store, false, false))
        .isEqualTo(new Decision.WaitForStore(Duration.ofSeconds(15)));
    clock.advance(Duration.ofMinutes(30));
    assertThat(waiting.decide(storing, store, false, false))
        .isEqualTo(new Decision.WaitForStore(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(30));
    assertThat(waiting.decide(storing, store, false, false))
        .isInstanceOfSatisfying(
            Decision.Fail.class,
            f -> assertThat(f.message()).contains("result store was unavailable"));
  }

  @Test
  void aLostRaceReadsAgainWithoutCountingATry() {
    Failure f = new Failure(Failure.Kind.CONFLICT, null, null, true, null, true, "race");
    assertThat(policy.decide(task(Routing.AUTO, 4), f, true, false))
        .isInstanceOf(Decision.ReadAgain.class);
  }

  @Test
  void anAutoTaskRefusedBeforeAcceptanceMovesToItsNextChannel() {
    for (FailureCategory c :
        List.of(
            FailureCategory.UNAVAILABLE,
            FailureCategory.RATE_LIMITED,
            FailureCategory.AUTH,
            FailureCategory.BAD_INPUT)) {
      assertThat(
              policy.decide(
                  task(Routing.AUTO, 0),
                  upstream(c, c != FailureCategory.AUTH && c != FailureCategory.BAD_INPUT, false),
                  true,
                  false))
          .as("%s", c)
          .isEqualTo(new Decision.NextChannel("next-channel"));
    }
  }

  @Test
  void noMoveWhenTheJobMayExistOrAfterAcceptanceOrForOtherStrategies() {
    Failure mayExist = upstream(FailureCategory.UNAVAILABLE, true, true);
    assertThat(policy.decide(task(Routing.AUTO, 0), mayExist, true, false))
        .isInstanceOf(Decision.RetryLater.class);
    Failure refused = upstream(FailureCategory.UNAVAILABLE, true, false);
    assertThat(policy.decide(task(Routing.AUTO, 0), refused, false, false))
        .isInstanceOf(Decision.RetryLater.class);
    assertThat(policy.decide(task(Routing.VALUE, 0), refused, true, false))
        .isInstanceOf(Decision.RetryLater.class);
    assertThat(nothingUntried.decide(task(Routing.AUTO, 0), refused, true, false))
        .isInstanceOf(Decision.RetryLater.class);
  }

  @Test
  void whatCannotSucceedFailsAtOnceWithItsCode() {
    Failure content = upstream(FailureCategory.CONTENT_REJECTED, false, false);
    assertThat(policy.decide(task(Routing.AUTO, 0), content, true, false))
        .isEqualTo(new Decision.Fail(FailureCode.CONTENT_VIOLATION, "upstream said no"));
    Failure auth = upstream(FailureCategory.AUTH, false, false);
    assertThat(policy.decide(task(Routing.OFFICIAL, 0), auth, true, false))
        .isEqualTo(new Decision.Fail(FailureCode.UPSTREAM_ERROR, "upstream said no"));
  }

  @Test
  void retriesWaitForTheHintOrADoublingBackoffAndStopAtTheFifthTry() {
    Failure plain = upstream(FailureCategory.UNAVAILABLE, true, true);
    assertThat(policy.decide(task(Routing.OFFICIAL, 0), plain, false, false))
        .isEqualTo(new Decision.RetryLater(Duration.ofSeconds(2), false));
    assertThat(policy.decide(task(Routing.OFFICIAL, 3), plain, false, true))
        .isEqualTo(new Decision.RetryLater(Duration.ofSeconds(16), true));
    Failure hinted =
        new Failure(
            Failure.Kind.UPSTREAM,
            FailureCategory.RATE_LIMITED,
            FailureCode.UPSTREAM_ERROR,
            true,
            Duration.ofSeconds(42),
            false,
            "slow down");
    assertThat(policy.decide(task(Routing.OFFICIAL, 1), hinted, true, false))
        .isEqualTo(new Decision.RetryLater(Duration.ofSeconds(42), false));
    assertThat(
            policy.decide(
                task(Routing.OFFICIAL, FailurePolicy.MAX_ATTEMPTS - 1), plain, false, false))
        .isEqualTo(new Decision.Fail(FailureCode.UPSTREAM_ERROR, "upstream said no"));
  }

  @Test
  void backoffDoublesFromTwoSecondsUpToFiveMinutes() {
    assertThat(FailurePolicy.backoff(0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(FailurePolicy.backoff(1)).isEqualTo(Duration.ofSeconds(4));
    assertThat(FailurePolicy.backoff(4)).isEqualTo(Duration.ofSeconds(32));
    assertThat(FailurePolicy.backoff(20)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void failuresAreReadIntoDataOnce() {
    Failure image = Failure.of(new io.reelgate.server.fetch.ImageFetchException("404", false));
    assertThat(image.kind()).isEqualTo(Failure.Kind.INPUT);
    assertThat(image.code()).isEqualTo(FailureCode.INVALID_IMAGE_URL);
    assertThat(image.retryable()).isFalse();
    Failure conflict = Failure.of(new io.reelgate.server.task.ConcurrentTaskUpdateException("t"));
    assertThat(conflict.kind()).isEqualTo(Failure.Kind.CONFLICT);
    Failure bug = Failure.of(new IllegalStateException("oops"));
    assertThat(bug.kind()).isEqualTo(Failure.Kind.INTERNAL);
    assertThat(bug.message()).isEqualTo("internal error");
    assertThat(bug.retryable()).isTrue();
    Failure interrupted = Failure.of(new RuntimeException(new InterruptedException()));
    assertThat(interrupted.kind()).isEqualTo(Failure.Kind.SHUTDOWN);
  }
}
