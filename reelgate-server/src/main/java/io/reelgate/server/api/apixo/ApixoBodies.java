package io.reelgate.server.api.apixo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The bodies of the APIXO dialect, as records the JSON mapper writes in declaration order. */
final class ApixoBodies {
  private ApixoBodies() {}

  /** Every APIXO answer: {@code {"code","message","data"}}; the HTTP status equals {@code code}. */
  record Envelope(int code, String message, Object data) {
    static Envelope ok(Object data) {
      return new Envelope(200, "success", data);
    }
  }

  /** The {@code data} of an accepted {@code generateTask}. */
  record TaskId(String taskId) {}

  /**
   * The {@code data} of {@code statusTask}, of a task event and of a webhook: what applies to the
   * task's state, nothing else. {@code model} is given in task lists only.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Status(
      String taskId,
      String model,
      String state,
      long createTime,
      String resultJson,
      String failCode,
      String failMsg,
      Long completeTime,
      Long costTime) {}

  /** The {@code data} of {@code estimate}: the price and the normalized request it is for. */
  record Estimate(long credits, Map<String, Object> request) {}
}
