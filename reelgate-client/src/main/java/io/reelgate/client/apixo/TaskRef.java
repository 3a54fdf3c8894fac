package io.reelgate.client.apixo;

import java.util.Objects;

/**
 * A submitted APIXO task: the model it was submitted to and its id. The model is what the status
 * and cancel paths are addressed with.
 *
 * @param model the model id or alias used in the request path
 * @param taskId the task's id ({@code task_…})
 */
public record TaskRef(String model, String taskId) {
  /** Checks that both parts are there. */
  public TaskRef {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(taskId, "taskId");
  }
}
