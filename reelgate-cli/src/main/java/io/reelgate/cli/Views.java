package io.reelgate.cli;

import io.reelgate.client.apixo.TaskStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON shapes of {@code --json} output. */
final class Views {
  static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Views() {}

  /** A task status with wire values. */
  static Map<String, Object> status(TaskStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("taskId", s.taskId());
    if (s.model() != null) {
      m.put("model", s.model());
    }
    m.put("state", s.rawState());
    m.put("createTime", s.createTime() == null ? null : s.createTime().toString());
    m.put("completeTime", s.completeTime() == null ? null : s.completeTime().toString());
    m.put("costTimeMs", s.costTime() == null ? null : s.costTime().toMillis());
    m.put("resultUrls", s.resultUrls());
    m.put("failCode", s.failCode());
    m.put("failMsg", s.failMsg());
    if (s.progress() != null) {
      m.put("progress", s.progress());
    }
    return m;
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
