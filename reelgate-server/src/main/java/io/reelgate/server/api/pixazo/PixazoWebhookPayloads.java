package io.reelgate.server.api.pixazo;

import io.reelgate.server.storage.SignedUrls;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.webhook.WebhookPayloads;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Pixazo webhooks carry the universal status object of the finished request. */
@Component
class PixazoWebhookPayloads implements WebhookPayloads {
  private final PixazoViews views;

  PixazoWebhookPayloads(SignedUrls signedUrls, Clock clock) {
    this.views = new PixazoViews(signedUrls, clock);
  }

  @Override
  public String dialect() {
    return PixazoController.DIALECT;
  }

  @Override
  public Object payload(TaskRecord task) {
    return views.status(task);
  }
}
