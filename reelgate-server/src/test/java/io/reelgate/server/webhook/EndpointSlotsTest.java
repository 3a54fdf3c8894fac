package io.reelgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The per-endpoint cap: sends that wait for a slot get it in turn, for a bounded time only. */
class EndpointSlotsTest {
  private static final String HOOKS = "https://hooks.example.com:443";
  private static final Duration LONG = Duration.ofHours(1);

  @Test
  void theCapHoldsPerEndpoint() {
    EndpointSlots slots = new EndpointSlots(2);
    assertThat(slots.acquire(HOOKS)).isTrue();
    assertThat(slots.acquire(HOOKS)).isTrue();
    assertThat(slots.acquire(HOOKS)).isFalse();
    assertThat(slots.acquire("http://other.example.com:80")).isTrue();
    slots.release(HOOKS);
    assertThat(slots.acquire(HOOKS)).isTrue();
  }

  @Test
  void aReleaseHandsTheSlotToTheWaitersInTurn() throws Exception {
    EndpointSlots slots = new EndpointSlots(1);
    assertThat(slots.acquire(HOOKS)).isTrue();
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch hold = new CountDownLatch(1);
    Thread first = waiter(slots, "first", order, hold);
    Thread second = waiter(slots, "second", order, hold);

    slots.release(HOOKS);
    // a send that does not wait (the durable job's) does not jump the queue of waiting ones
    assertThat(slots.acquire(HOOKS)).isFalse();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> order.contains("first"));
    assertThat(order).containsExactly("first");
    hold.countDown();
    first.join(TimeUnit.SECONDS.toMillis(30));
    second.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(order).containsExactly("first", "second");
    assertThat(slots.endpointsKnown()).isZero();
  }

  @Test
  void theWaitIsBoundedAndLeavesNothingBehind() {
    EndpointSlots slots = new EndpointSlots(1);
    assertThat(slots.acquire(HOOKS)).isTrue();
    assertThat(slots.acquire(HOOKS, Duration.ofMillis(50))).isFalse();
    slots.release(HOOKS);
    assertThat(slots.endpointsKnown()).isZero();
    // endpoints seen once are not remembered
    for (int i = 0; i < 1000; i++) {
      String endpoint = "https://hooks-" + i + ".example.com:443";
      assertThat(slots.acquire(endpoint, LONG)).isTrue();
      slots.release(endpoint);
    }
    assertThat(slots.endpointsKnown()).isZero();
  }

  @Test
  void pastTheWaitingCapASendDoesNotWait() throws Exception {
    EndpointSlots slots = new EndpointSlots(1, 1);
    assertThat(slots.acquire(HOOKS)).isTrue();
    List<String> order = new CopyOnWriteArrayList<>();
    Thread waiting = waiter(slots, "waiting", order, new CountDownLatch(0));

    // a second waiter would wait an hour; past the cap it is turned away at once
    assertThat(CompletableFuture.supplyAsync(() -> slots.acquire(HOOKS, LONG)))
        .succeedsWithin(Duration.ofSeconds(30))
        .isEqualTo(false);
    slots.release(HOOKS);
    waiting.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(order).containsExactly("waiting");
    assertThat(slots.endpointsKnown()).isZero();
  }

  @Test
  void anInterruptedWaitGivesUp() throws Exception {
    EndpointSlots slots = new EndpointSlots(1);
    assertThat(slots.acquire(HOOKS)).isTrue();
    CompletableFuture<Boolean> got = new CompletableFuture<>();
    Thread t = Thread.ofPlatform().start(() -> got.complete(slots.acquire(HOOKS, LONG)));
    awaitParked(t);
    t.interrupt();
    assertThat(got).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(false);
    slots.release(HOOKS);
    assertThat(slots.endpointsKnown()).isZero();
  }

  @Test
  void aFirstSendWaitsLessThanTheBackstopLeaves() {
    Duration backstop = WebhookSender.FIRST_SEND_BACKSTOP;
    assertThat(EndpointSlots.firstSendWait(backstop, Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(EndpointSlots.firstSendWait(backstop, Duration.ofSeconds(5)))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(EndpointSlots.firstSendWait(backstop, Duration.ofSeconds(60))).isZero();
    for (int s = 1; s <= 120; s++) {
      Duration timeout = Duration.ofSeconds(s);
      Duration wait = EndpointSlots.firstSendWait(backstop, timeout);
      assertThat(wait.isNegative()).isFalse();
      assertThat(wait.plus(timeout.multipliedBy(2)).compareTo(backstop) < 0 || wait.isZero())
          .isTrue();
    }
  }

  /**
   * A thread that waits for a slot, notes its name when it has one and gives the slot back once
   * {@code hold} opens.
   */
  private static Thread waiter(
      EndpointSlots slots, String name, List<String> order, CountDownLatch hold) {
    Thread t =
        Thread.ofPlatform()
            .name(name)
            .start(
                () -> {
                  if (slots.acquire(HOOKS, LONG)) {
                    order.add(name);
                    try {
                      hold.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    slots.release(HOOKS);
                  }
                });
    awaitParked(t);
    return t;
  }

  private static void awaitParked(Thread t) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> t.getState() == Thread.State.TIMED_WAITING);
  }
}
