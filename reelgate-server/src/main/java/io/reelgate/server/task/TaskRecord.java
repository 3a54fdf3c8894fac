package io.reelgate.server.task;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.task.TaskState;

/**
 * A task as stored. Times are Unix milliseconds; nullable fields are null until they apply.
 *
 * @param dialect the API that created it ({@code apixo}, {@code pixazo}...), for its webhook shape
 * @param resultExpiredAt when the retention job deleted its stored files, or null while kept
 */
public record TaskRecord(
    String id,
    String accountId,
    String apiKeyId,
    String model,
    String dialect,
    TaskState state,
    int version,
    GenerationRequest request,
    long price,
    String callbackUrl,
    String channelId,
    String upstreamJobId,
    Integer outputWidth,
    Integer outputHeight,
    String resultKey,
    String posterKey,
    FailureCode failureCode,
    String failureMessage,
    int attempts,
    long createdAt,
    long updatedAt,
    Long startedAt,
    Long completedAt,
    Long resultExpiredAt) {

  /** A new task as accepted: QUEUED, version 0, nothing run yet. */
  public static TaskRecord queued(
      String id,
      String accountId,
      String apiKeyId,
      String dialect,
      GenerationRequest request,
      long price,
      String callbackUrl,
      long now) {
    return new TaskRecord(
        id,
        accountId,
        apiKeyId,
        request.model(),
        dialect,
        TaskState.QUEUED,
        0,
        request,
        price,
        callbackUrl,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0,
        now,
        now,
        null,
        null,
        null);
  }

  /** A copy to change; only the fields that change over a task's life can be set. */
  public Change change() {
    return new Change(this);
  }

  /** The mutable part of a task, applied by {@code TaskRepository.update}. */
  public static final class Change {
    private final TaskRecord base;
    TaskState state;
    String channelId;
    String upstreamJobId;
    Integer outputWidth;
    Integer outputHeight;
    String resultKey;
    String posterKey;
    FailureCode failureCode;
    String failureMessage;
    int attempts;
    Long startedAt;
    Long completedAt;
    Long resultExpiredAt;
    String triedChannel;

    private Change(TaskRecord t) {
      base = t;
      state = t.state;
      channelId = t.channelId;
      upstreamJobId = t.upstreamJobId;
      outputWidth = t.outputWidth;
      outputHeight = t.outputHeight;
      resultKey = t.resultKey;
      posterKey = t.posterKey;
      failureCode = t.failureCode;
      failureMessage = t.failureMessage;
      attempts = t.attempts;
      startedAt = t.startedAt;
      completedAt = t.completedAt;
      resultExpiredAt = t.resultExpiredAt;
    }

    public TaskRecord base() {
      return base;
    }

    /** The state the task has after this change. */
    public TaskState targetState() {
      return state;
    }

    public Change state(TaskState value) {
      state = value;
      return this;
    }

    public Change channel(String channel, String upstreamJob) {
      channelId = channel;
      upstreamJobId = upstreamJob;
      return this;
    }

    /** Hands the task to a channel: also appends it to the channels the task was handed to. */
    public Change handedTo(String channel) {
      channel(channel, null);
      triedChannel = channel;
      return this;
    }

    /** The channel this change appends to the task's tried channels, or null. */
    public String triedChannel() {
      return triedChannel;
    }

    public Change output(int width, int height) {
      outputWidth = width;
      outputHeight = height;
      return this;
    }

    public Change result(String videoKey, String posterKeyValue) {
      resultKey = videoKey;
      posterKey = posterKeyValue;
      return this;
    }

    public Change failure(FailureCode code, String message) {
      failureCode = code;
      failureMessage = message == null ? null : truncate(message, 2000);
      return this;
    }

    public Change attempts(int value) {
      attempts = value;
      return this;
    }

    public Change startedAt(long millis) {
      startedAt = millis;
      return this;
    }

    public Change completedAt(long millis) {
      completedAt = millis;
      return this;
    }

    /** The stored files of the finished task were deleted at this time. */
    public Change resultExpiredAt(long millis) {
      resultExpiredAt = millis;
      return this;
    }

    /** The task as it is after this change, written at {@code now}: its version one higher. */
    public TaskRecord apply(long now) {
      TaskRecord t = base;
      return new TaskRecord(
          t.id,
          t.accountId,
          t.apiKeyId,
          t.model,
          t.dialect,
          state,
          t.version + 1,
          t.request,
          t.price,
          t.callbackUrl,
          channelId,
          upstreamJobId,
          outputWidth,
          outputHeight,
          resultKey,
          posterKey,
          failureCode,
          failureMessage,
          attempts,
          t.createdAt,
          now,
          startedAt,
          completedAt,
          resultExpiredAt);
    }

    private static String truncate(String text, int max) {
      return text.length() <= max ? text : text.substring(0, max);
    }
  }
}
