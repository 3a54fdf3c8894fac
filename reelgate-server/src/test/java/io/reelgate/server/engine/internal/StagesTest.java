package io.reelgate.server.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.Routing;
import io.reelgate.core.task.TaskState;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.task.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each stage of a task's life on its own, with a fake upstream and a settable clock. */
class StagesTest {
  final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  Channel channel(String id) {
    return h.router.byId(id).orElseThrow();
  }

  @Test
  void chooseChannelTakesTheFirstHealthyChannelWithRoomInRoutingOrder() {
    TaskRecord task = h.accepted(Routing.VALUE);
    Step step = h.chooseChannel.run(new Work.Of(task));
    assertThat(step).isInstanceOf(Step.Go.class);
    Work.Picked picked = (Work.Picked) ((Step.Go<?>) step).input();
    assertThat(picked.slot().channel().id()).as("value: cheapest first").isEqualTo("value-b");
    assertThat(channel("value-b").inFlight().get()).isEqualTo(1);

    TaskRecord official = h.accepted(Routing.OFFICIAL);
    Work.Picked o = (Work.Picked) ((Step.Go<?>) h.chooseChannel.run(new Work.Of(official))).input();
    assertThat(o.slot().channel().id()).isEqualTo("official-a");
  }

  @Test
  void chooseChannelWaitsWhileEveryChannelIsFullOrUnhealthy() {
    for (int i = 0; i < 10; i++) {
      channel("official-a").tryAcquire();
    }
    TaskRecord task = h.accepted(Routing.OFFICIAL);
    assertThat(h.chooseChannel.run(new Work.Of(task)))
        .isEqualTo(new Step.Wait(h.clock.instant().plus(ChooseChannel.CHANNEL_BUSY_RETRY)));
    channel("official-a").health().transitionToOpenState();
    assertThat(h.chooseChannel.run(new Work.Of(task)))
        .isEqualTo(new Step.Wait(h.clock.instant().plus(ChooseChannel.NO_HEALTHY_CHANNEL_RETRY)));
    assertThat(h.reread(task).state()).isEqualTo(TaskState.QUEUED);
  }

  @Test
  void withNoHealthyChannelPastItsDeadlineTheTaskFailsAndIsNotCharged() {
    channel("official-a").health().transitionToOpenState();
    TaskRecord task = h.accepted(Routing.OFFICIAL);
    h.clock.advance(Duration.ofMinutes(31));
    assertThat(h.chooseChannel.run(new Work.Of(task))).isInstanceOf(Step.End.class);
    TaskRecord failed = h.reread(task);
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(failed.failureCode()).isEqualTo(FailureCode.UPSTREAM_ERROR);
    assertThat(h.balance()).isEqualTo(new Wallet.Balance(10_000, 0, 0));
  }

  @Test
  void whenEveryChannelRefusesTheParametersTheTaskFailsWithTheRefusalAndIsNotCharged() {
    TaskRecord task = h.accepted(Routing.AUTO);
    h.upstream.refusesAtCheck(
        ProviderException.unsupported(
            io.reelgate.core.request.RequestField.DURATION, "must be one of 5, 10 on channel x"));
    assertThat(h.chooseChannel.run(new Work.Of(task))).isInstanceOf(Step.End.class);
    TaskRecord failed = h.reread(task);
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(failed.failureMessage()).isEqualTo("duration must be one of 5, 10 on channel x");
    assertThat(h.balance()).isEqualTo(new Wallet.Balance(10_000, 0, 0));
    assertThat(h.upstream.calls).isEmpty();
  }

  @Test
  void prepareInputsStartsAQueuedTaskOnTheChosenChannel() {
    TaskRecord task = h.accepted(Routing.OFFICIAL);
    Slot slot = Slot.tryTake(channel("official-a"));
    Step step = h.prepareInputs.run(new Work.Picked(task, slot));
    Work.Prepared prepared = (Work.Prepared) ((Step.Go<?>) step).input();
    assertThat(prepared.task().state()).isEqualTo(TaskState.RUNNING);
    assertThat(prepared.task().channelId()).isEqualTo("official-a");
    assertThat(prepared.task().outputWidth()).isEqualTo(1280);
    assertThat(h.queries.triedChannels(task.id())).containsExactly("official-a");
  }

  @Test
  void anAcceptedJobIsTrackedAndTheDurableJobWaitsForTheBackstop() {
    TaskRecord running = startedOn("official-a");
    h.upstream.acceptsAs("up-1");
    Slot slot = Slot.tryTake(channel("official-a"));
    Step step = h.submitJob.run(new Work.Prepared(running, slot, java.util.List.of()));
    assertThat(step).isEqualTo(new Step.Wait(h.clock.instant().plus(Duration.ofMinutes(5))));
    assertThat(h.reread(running).upstreamJobId()).isEqualTo("up-1");
    assertThat(h.tracker.isTracking(running.id())).isTrue();
    assertThat(channel("official-a").inFlight().get()).as("the slot passed to the tracker").isOne();
    h.tracker.untrack(running.id());
    assertThat(channel("official-a").inFlight().get()).isZero();
  }

  @Test
  void aSynchronousResultIsStoredAndTheTaskSucceedsAndIsCharged() {
    TaskRecord running = startedOn("official-a");
    h.upstream.rendersAFile();
    Slot slot = Slot.tryTake(channel("official-a"));
    Step step = h.submitJob.run(new Work.Prepared(running, slot, java.util.List.of()));
    assertThat(channel("official-a").inFlight().get()).as("slot given back").isZero();
    Work.Produced produced = (Work.Produced) ((Step.Go<?>) step).input();
    assertThat(produced.task().state()).isEqualTo(TaskState.STORING);
    Step stored = h.storeResult.run(produced);
    Work.Stored s = (Work.Stored) ((Step.Go<?>) stored).input();
    assertThat(s.videoKey()).isEqualTo(running.id() + "/video.mp4");
    assertThat(h.storage.find(s.videoKey())).isPresent();
    assertThat(h.finishTask.run(s)).isInstanceOf(Step.End.class);
    assertThat(h.reread(running).state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(h.balance()).isEqualTo(new Wallet.Balance(10_000 - 320, 0, 320));
    assertThat(h.jobs.stopped).contains(running.id());
  }

  @Test
  void aResultGivenByUrlIsDownloadedThroughTheChannel() {
    TaskRecord running = h.lifecycle.accepted(startedOn("official-a"), "up-2");
    Step step = h.trackJob.ended(running, (PollResult.Succeeded) FakeUpstream.succeeded());
    Work.Produced produced = (Work.Produced) ((Step.Go<?>) step).input();
    assertThat(produced.task().state()).isEqualTo(TaskState.STORING);
    Work.Stored stored = (Work.Stored) ((Step.Go<?>) h.storeResult.run(produced)).input();
    assertThat(h.upstream.calls()).contains("download https://upstream.test/v.mp4");
    assertThat(h.storage.find(stored.videoKey())).isPresent();
  }

  @Test
  void trackingLooksInAtTheDeadlineWhenItComesBeforeTheBackstop() {
    TaskRecord running = h.lifecycle.accepted(startedOn("official-a"), "up-3");
    h.clock.advance(Duration.ofMinutes(27));
    Step step = h.trackJob.run(new Work.Of(running));
    Instant deadline = Instant.ofEpochMilli(running.startedAt()).plus(Duration.ofMinutes(30));
    assertThat(step).isEqualTo(new Step.Wait(deadline));
    assertThat(h.tracker.isTracking(running.id())).isTrue();
  }

  @Test
  void pastTheDeadlineTheTaskTimesOutIsReleasedAndCancelledUpstream() {
    TaskRecord running = h.lifecycle.accepted(startedOn("official-a"), "up-4");
    h.trackJob.run(new Work.Of(running));
    h.clock.advance(Duration.ofMinutes(31));
    assertThat(h.trackJob.run(new Work.Of(h.reread(running)))).isInstanceOf(Step.Go.class);
    Step end = h.timeOut.run(new Work.Of(h.reread(running)));
    assertThat(end).isInstanceOf(Step.End.class);
    TaskRecord failed = h.reread(running);
    assertThat(failed.failureCode()).isEqualTo(FailureCode.PROCESSING_TIMEOUT);
    assertThat(h.upstream.calls()).contains("cancel up-4");
    assertThat(h.tracker.isTracking(running.id())).isFalse();
    assertThat(h.balance()).isEqualTo(new Wallet.Balance(10_000, 0, 0));
    assertThat(h.ledgerRows(running.id(), "RELEASE")).isOne();
  }

  @Test
  void aPushedResultForATimedOutTaskIsRecordedOnceAsALateResultAndChangesNothingElse() {
    TaskRecord running = h.lifecycle.accepted(startedOn("official-a"), "up-late");
    h.clock.advance(Duration.ofMinutes(31));
    h.timeOut.run(new Work.Of(h.reread(running)));
    io.reelgate.server.lateresults.LateResults late =
        new io.reelgate.server.lateresults.LateResults(h.db.jdbc, h.clock);
    Engine engine =
        new Engine(
            h.queries,
            h.runner,
            h.tracker,
            new Completions(h.runner, h.jobs, h.tracker, h.polling),
            h.workDirs,
            h.router,
            late);
    var push =
        new io.reelgate.providers.WebhookRequest(
            java.util.Map.of(), "up-late".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (int i = 0; i < 2; i++) {
      assertThat(engine.receive("official-a", push).outcome())
          .isEqualTo(io.reelgate.server.engine.UpstreamUpdates.Outcome.IGNORED);
    }
    assertThat(late.page(Long.MAX_VALUE, 10))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.taskId()).isEqualTo(running.id());
              assertThat(r.channelId()).isEqualTo("official-a");
              assertThat(r.upstreamJobId()).isEqualTo("up-late");
              assertThat(r.via()).isEqualTo(io.reelgate.server.lateresults.LateResults.Via.WEBHOOK);
              assertThat(r.timedOutAt()).isNotNull();
            });
    assertThat(h.reread(running).state()).isEqualTo(TaskState.FAILED);
    assertThat(h.balance()).isEqualTo(new Wallet.Balance(10_000, 0, 0));
    assertThat(h.upstream.calls()).noneMatch(c -> c.startsWith("download"));
  }

  @Test
  void aStoreCutShortByACrashAsksTheUpstreamAgain() {
    TaskRecord storing = h.lifecycle.storing(h.lifecycle.accepted(startedOn("official-a"), "up-5"));
    h.upstream.pollsAs(new PollResult.Running(Duration.ofSeconds(1)));
    assertThat(h.recoverResult.run(new Work.Of(storing)))
        .isEqualTo(new Step.Wait(h.clock.instant().plus(RecoverResult.ASK_AGAIN)));
    h.upstream.pollsAs(FakeUpstream.succeeded());
    Step step = h.recoverResult.run(new Work.Of(storing));
    Work.Produced produced = (Work.Produced) ((Step.Go<?>) step).input();
    assertThat(produced.task().version()).as("not moved again").isEqualTo(storing.version());
  }

  @Test
  void aChannelThatIsGoneFailsTheTaskAsModelUnavailable() {
    ProviderException gone =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ProviderException.class, () -> h.router.require("removed"));
    assertThat(gone.category()).isEqualTo(FailureCategory.INTERNAL);
    assertThat(gone.code()).isEqualTo(FailureCode.MODEL_UNAVAILABLE);
    assertThat(gone.isRetryable()).isFalse();
  }

  private TaskRecord startedOn(String channelId) {
    return h.lifecycle.start(h.accepted(Routing.OFFICIAL), channelId, 1280, 720);
  }
}
