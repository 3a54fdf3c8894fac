package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EtagPollsTest {
  private static final byte[] BODY = "{\"code\":200}".getBytes();

  @Test
  void aPollCarriesTheEtagOfThePreviousAnswerForItsTask() {
    EtagPolls polls = new EtagPolls(0.1);
    polls.learn("t1", 200, "\"v1\"");

    assertThat(polls.next("sora-2-pro", "t1", 0.5).ifNoneMatch()).isEqualTo("\"v1\"");
    assertThat(polls.next("sora-2-pro", "t2", 0.5).ifNoneMatch()).isNull();
    assertThat(polls.etagSupported()).isTrue();
  }

  @Test
  void aShareOfPollsGoesWithoutIfNoneMatch() {
    EtagPolls polls = new EtagPolls(0.1);
    polls.learn("t1", 200, "W/\"v1\"");

    assertThat(polls.next("m", "t1", 0.05).ifNoneMatch()).isNull();
    assertThat(polls.next("m", "t1", 0.1).ifNoneMatch()).isEqualTo("W/\"v1\"");
  }

  @Test
  void aFullAnswerWithoutEtagForgetsTheOldOneAndA304WithoutOneKeepsIt() {
    EtagPolls polls = new EtagPolls(0);
    polls.learn("t1", 200, "\"v1\"");
    polls.learn("t1", 304, null);
    assertThat(polls.next("m", "t1", 0.5).ifNoneMatch()).isEqualTo("\"v1\"");

    polls.learn("t1", 200, null);

    assertThat(polls.next("m", "t1", 0.5).ifNoneMatch()).isNull();
  }

  @Test
  void countsNotModifiedAndChangedAnswersOfTheMeasuredPolls() {
    EtagPolls polls = new EtagPolls(0);
    polls.learn("t1", 200, "\"v1\"");
    polls.learn("t2", 200, "\"v1\"");

    EtagPolls.Poll p0 = polls.next("m", "t1", 0.5);
    polls.record(0, p0, 304, new byte[0], "\"v1\"");
    EtagPolls.Poll p1 = polls.next("m", "t2", 0.5);
    polls.record(1, p1, 200, BODY, "\"v2\"");
    EtagPolls.Poll p2 = polls.next("m", "t3", 0.5);
    polls.record(2, p2, 200, BODY, "\"v1\"");

    assertThat(polls.answers()).isEqualTo(3);
    assertThat(polls.conditional()).isEqualTo(2);
    assertThat(polls.notModified()).isEqualTo(1);
    assertThat(polls.changed()).isEqualTo(1);
    assertThat(polls.bodyBytes()).isEqualTo(2L * BODY.length);
    // the changed task is polled with its new ETag next time
    assertThat(polls.next("m", "t2", 0.5).ifNoneMatch()).isEqualTo("\"v2\"");
  }

  @Test
  void exchangesComeBackInTheOrderTheyWereNumberedWithoutGaps() {
    EtagPolls polls = new EtagPolls(0);
    polls.record(7, new EtagPolls.Poll("m", "c", null), 200, BODY, null);
    polls.record(2, new EtagPolls.Poll("m", "a", null), 200, BODY, null);
    polls.record(5, new EtagPolls.Poll("m", "b", null), 304, new byte[0], "\"x\"");

    assertThat(polls.exchanges()).extracting(e -> e.poll().taskId()).containsExactly("a", "b", "c");
    assertThat(polls.exchanges().get(1).answer().status()).isEqualTo(304);
    assertThat(polls.exchanges().get(1).answer().etag()).isEqualTo("\"x\"");
  }

  @Test
  void withoutEtagsNothingIsConditional() {
    EtagPolls polls = new EtagPolls();
    polls.learn("t1", 200, null);
    EtagPolls.Poll poll = polls.next("m", "t1", 0.9);
    polls.record(0, poll, 200, BODY, null);

    assertThat(polls.etagSupported()).isFalse();
    assertThat(poll.ifNoneMatch()).isNull();
    assertThat(EtagPolls.share(polls.notModified(), polls.answers())).isZero();
    assertThat(EtagPolls.share(1, 0)).isZero();
  }
}
