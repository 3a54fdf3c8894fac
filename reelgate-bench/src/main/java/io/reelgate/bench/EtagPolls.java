package io.reelgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients of the {@code status_etag} scenario: for each task they remember the {@code ETag} of
 * their previous answer and send it as {@code If-None-Match} on the next poll, except for a share
 * of polls made without it (a client that has no previous answer at hand: a new poller, a restarted
 * one). Every measured exchange is kept, so the baseline can answer the same requests with the same
 * bytes and the same 304s.
 */
final class EtagPolls {
  /** Share of polls sent without {@code If-None-Match}. */
  static final double UNCONDITIONAL_SHARE = 0.1;

  /** One poll: which task, and the {@code If-None-Match} it carries (null: none). */
  record Poll(String model, String taskId, String ifNoneMatch) {}

  /** One measured request and what the server answered. */
  record Exchange(Poll poll, Baseline.Answer answer) {}

  private final double unconditionalShare;
  private final Map<String, String> etags = new ConcurrentHashMap<>();
  private final Map<Integer, Exchange> exchanges = new ConcurrentHashMap<>();
  private final AtomicLong answers = new AtomicLong();
  private final AtomicLong conditional = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong changed = new AtomicLong();
  private final AtomicLong bodyBytes = new AtomicLong();
  private final AtomicLong etagsSeen = new AtomicLong();

  EtagPolls() {
    this(UNCONDITIONAL_SHARE);
  }

  EtagPolls(double unconditionalShare) {
    this.unconditionalShare = unconditionalShare;
  }

  /**
   * The next poll of a task; {@code draw} is a uniform random number in [0, 1) that decides whether
   * this poll is one made without the previous answer.
   */
  Poll next(String model, String taskId, double draw) {
    String etag = draw < unconditionalShare ? null : etags.get(taskId);
    return new Poll(model, taskId, etag);
  }

  /** Remembers a task's {@code ETag} from an answer (200 or 304); a 200 without one forgets it. */
  void learn(String taskId, int status, String etag) {
    if (etag != null && !etag.isBlank()) {
      etagsSeen.incrementAndGet();
      etags.put(taskId, etag);
    } else if (status == 200) {
      etags.remove(taskId);
    }
  }

  /** Keeps measured exchange {@code index}, counts it and learns from its answer. */
  void record(int index, Poll poll, int status, byte[] body, String etag) {
    learn(poll.taskId(), status, etag);
    exchanges.put(index, new Exchange(poll, new Baseline.Answer(status, body, etag)));
    answers.incrementAndGet();
    bodyBytes.addAndGet(body.length);
    if (poll.ifNoneMatch() != null) {
      conditional.incrementAndGet();
      if (status == 200) {
        changed.incrementAndGet();
      }
    }
    if (status == 304) {
      notModified.incrementAndGet();
    }
  }

  /** The measured exchanges in the order they were numbered, without numbers that failed. */
  List<Exchange> exchanges() {
    return new ArrayList<>(new TreeMap<>(exchanges).values());
  }

  /** Whether any answer so far (warm-up included) carried an {@code ETag}. */
  boolean etagSupported() {
    return etagsSeen.get() > 0;
  }

  /** Measured answers. */
  long answers() {
    return answers.get();
  }

  /** Measured polls that carried {@code If-None-Match}. */
  long conditional() {
    return conditional.get();
  }

  /** Measured answers 304 Not Modified. */
  long notModified() {
    return notModified.get();
  }

  /** Measured polls with {@code If-None-Match} answered 200: the task had changed. */
  long changed() {
    return changed.get();
  }

  /** Body bytes of the measured answers. */
  long bodyBytes() {
    return bodyBytes.get();
  }

  /** {@code part / whole}, 0 when there is no whole. */
  static double share(long part, long whole) {
    return whole == 0 ? 0 : part / (double) whole;
  }
}
