package io.reelgate.client.apixo;

import java.time.Instant;

/** Filters and page of {@code GET /api/v1/tasks}. Immutable; build with {@link #builder()}. */
public final class TaskListParams {
  private final TaskState state;
  private final String model;
  private final Instant since;
  private final Integer limit;
  private final String cursor;

  private TaskListParams(Builder b) {
    this.state = b.state;
    this.model = b.model;
    this.since = b.since;
    this.limit = b.limit;
    this.cursor = b.cursor;
  }

  /** A new builder (no filters, the server's page size). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder with these values, e.g. to ask for the next page. */
  public Builder toBuilder() {
    return new Builder().state(state).model(model).since(since).limit(limit).cursor(cursor);
  }

  /** Only tasks in this state, or null. */
  public TaskState state() {
    return state;
  }

  /** Only tasks of this model, or null. */
  public String model() {
    return model;
  }

  /** Only tasks created at or after this instant, or null. */
  public Instant since() {
    return since;
  }

  /** Page size (1–100), or null. */
  public Integer limit() {
    return limit;
  }

  /** The {@link TaskPage#nextCursor()} of the previous page, or null for the first. */
  public String cursor() {
    return cursor;
  }

  /** Builds {@link TaskListParams}. */
  public static final class Builder {
    private TaskState state;
    private String model;
    private Instant since;
    private Integer limit;
    private String cursor;

    private Builder() {}

    /** Only tasks in this state. */
    public Builder state(TaskState state) {
      if (state == TaskState.UNKNOWN) {
        throw new IllegalArgumentException("state must be a known state");
      }
      this.state = state;
      return this;
    }

    /** Only tasks of this model. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** Only tasks created at or after this instant. */
    public Builder since(Instant since) {
      this.since = since;
      return this;
    }

    /** Page size, 1 to 100. */
    public Builder limit(Integer limit) {
      if (limit != null && (limit < 1 || limit > 100)) {
        throw new IllegalArgumentException("limit must be from 1 to 100");
      }
      this.limit = limit;
      return this;
    }

    /** Continue after the page that returned this cursor. */
    public Builder cursor(String cursor) {
      this.cursor = cursor;
      return this;
    }

    /** The parameters. */
    public TaskListParams build() {
      return new TaskListParams(this);
    }
  }
}
