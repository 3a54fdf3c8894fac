package io.reelgate.server.api.apixo;

import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.webhook.WebhookPayloads;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** APIXO callbacks carry exactly the envelope that {@code statusTask} answers at completion. */
@Component
class ApixoWebhookPayloads implements WebhookPayloads {
  private final ApixoController controller;

  ApixoWebhookPayloads(ApixoController controller) {
    this.controller = controller;
  }

  @Override
  public String dialect() {
    return ApixoController.DIALECT;
  }

  @Override
  public Object payload(TaskRecord task) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", 200);
    body.put("message", "success");
    body.put("data", controller.statusData(task));
    return body;
  }
}
