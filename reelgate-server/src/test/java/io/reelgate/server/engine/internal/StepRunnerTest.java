package io.reelgate.server.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.Routing;
import io.reelgate.core.task.TaskState;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.engine.Next;
import io.reelgate.server.task.TaskRecord;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole runs of a task through the runner: the stages in order and the failure policy applied. */
class StepRunnerTest {
  final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  Next advance(TaskRecord task) {
    return h.runner.drive(h.runner.resume(h.reread(task)));
  }

  static ProviderException refused(FailureCategory category, boolean retryable) {
    return new ProviderException(category, null, retryable, null, "refused: " + category, null);
  }

  @Test
  void aQueuedTaskIsSubmittedTrackedAndFinishedWhenItsJobEnds() {
    TaskRecord task = h.accepted(Routing.OFFICIAL);
    h.upstream.acceptsAs("up-a");
    Next first = advance(task);
    assertThat(first).isEqualTo(new Next.RunAt(h.clock.instant().plus(Duration.ofMinutes(5))));
    assertThat(h.reread(task).upstreamJobId()).isEqualTo("up-a");
    Next done = h.runner.ended(task.id(), FakeUpstream.succeeded());
    assertThat(done).isInstanceOf(Next.Done.class);
    assertThat(h.reread(task).state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(h.balance()).isEqualTo(new Wallet.Balance(10_000 - 320, 0, 320));
  }

  @Test
  void anAutoTaskRefusedByItsFirstChannelMovesToTheNextOneInTheSameRun() {
    TaskRecord task = h.accepted(Routing.AUTO);
    h.upstream.refusesWith(refused(FailureCategory.UNAVAILABLE, true)).acceptsAs("up-b");
    Next next = advance(task);
    assertThat(next).isInstanceOf(Next.RunAt.class);
    TaskRecord moved = h.reread(task);
    assertThat(moved.channelId()).isEqualTo("value-b");
    assertThat(moved.upstreamJobId()).isEqualTo("up-b");
    assertThat(h.queries.triedChannels(task.id())).containsExactly("official-a", "value-b");
    assertThat(h.router.byId("official-a").orElseThrow().inFlight().get())
        .as("the refused channel's slot was given back")
        .isZero();
  }

  @Test
  void aRetryableFailureCountsATryAndWaitsTheBackoff() {
    TaskRecord task = h.accepted(Routing.OFFICIAL);
    h.upstream.refusesWith(refused(FailureCategory.UNAVAILABLE, true));
    Next next = advance(task);
    assertThat(next).isEqualTo(new Next.RunAt(h.clock.instant().plus(Duration.ofSeconds(2))));
    TaskRecord retried = h.reread(task);
    assertThat(retried.state()).isEqualTo(TaskState.RUNNING);
    assertThat(retried.attempts()).isOne();
    assertThat(retried.failureMessage()).contains("refused");
  }

  @Test
  void theFifthFailedTryFailsTheTaskAndReleasesItsCredits() {
    TaskRecord task = h.accepted(Routing.OFFICIAL);
    for (int i = 0; i < FailurePolicy.MAX_ATTEMPTS; i++) {
      h.upstream.refusesWith(refused(FailureCategory.UNAVAILABLE, true));
    }
    Next next = null;
    for (int i = 0; i < FailurePolicy.MAX_ATTEMPTS; i++) {
      next = advance(task);
      h.clock.advance(Duration.ofMinutes(1));
    }
    assertThat(next).isInstanceOf(Next.Done.class);
    TaskRecord failed = h.reread(task);
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(failed.failureCode()).isEqualTo(FailureCode.UPSTREAM_ERROR);
    assertThat(h.balance()).isEqualTo(new Wallet.Balance(10_000, 0, 0));
    assertThat(h.ledgerRows(task.id(), "RELEASE")).isOne();
  }

  @Test
  void contentRefusedFailsAtOnce() {
    TaskRecord task = h.accepted(Routing.AUTO);
    h.upstream.refusesWith(refused(FailureCategory.CONTENT_REJECTED, false));
    assertThat(advance(task)).isInstanceOf(Next.Done.class);
    assertThat(h.reread(task).failureCode()).isEqualTo(FailureCode.CONTENT_VIOLATION);
    assertThat(h.upstream.calls()).hasSize(1);
  }

  @Test
  void anUpstreamThatEndsTheJobWithARetryableFailureIsSubmittedAgain() {
    TaskRecord task = h.accepted(Routing.OFFICIAL);
    h.upstream.acceptsAs("up-c");
    advance(task);
    Next next =
        h.runner.ended(
            task.id(), new PollResult.Failed(refused(FailureCategory.UNAVAILABLE, true)));
    assertThat(next).isEqualTo(new Next.RunAt(h.clock.instant().plus(Duration.ofSeconds(2))));
    TaskRecord again = h.reread(task);
    assertThat(again.upstreamJobId()).as("the ended job is forgotten").isNull();
    assertThat(again.attempts()).isOne();
    h.upstream.acceptsAs("up-d");
    advance(task);
    assertThat(h.reread(task).upstreamJobId()).isEqualTo("up-d");
  }

  @Test
  void aStaleStepLosesToACancellationAndChangesNothing() {
    TaskRecord task = h.accepted(Routing.OFFICIAL);
    TaskRecord stale = h.reread(task);
    h.lifecycle.cancel(stale);
    Next next = h.runner.drive(h.runner.resume(stale));
    assertThat(next).isInstanceOf(Next.Done.class);
    assertThat(h.reread(task).state()).isEqualTo(TaskState.CANCELLED);
    assertThat(h.router.byId("official-a").orElseThrow().inFlight().get()).isZero();
    assertThat(h.balance()).isEqualTo(new Wallet.Balance(10_000, 0, 0));
  }

  @Test
  void aSucceededTaskCarriesNoMessageFromAnEarlierTry() {
    TaskRecord task = h.accepted(Routing.OFFICIAL);
    h.upstream.refusesWith(refused(FailureCategory.UNAVAILABLE, true)).rendersAFile();
    advance(task);
    assertThat(h.reread(task).failureMessage()).isNotNull();
    advance(task);
    TaskRecord done = h.reread(task);
    assertThat(done.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(done.failureMessage()).isNull();
    assertThat(done.failureCode()).isNull();
  }
}
