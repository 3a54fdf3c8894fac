package io.reelgate.server.api.common;

import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.webhook.WebhookPayloads;
import java.util.List;
import org.springframework.http.ResponseEntity;

/**
 * The contract of a wire dialect: every API Reelgate speaks implements it once, as a Spring bean.
 * It reads the dialect's submissions into normalized requests, renders any task (whichever dialect
 * made it) as the dialect's status body, builds the dialect's webhook payload, and turns every
 * exception into the dialect's error body, in one place. Bodies are records that the JSON mapper
 * writes; nothing here touches HTTP beyond the error answer.
 *
 * @param <I> the dialect's own form of a submission (its body, path and header values)
 */
public interface Dialect<I> extends WebhookPayloads {

  /** Reads a submission into a normalized request, naming the wire field of any problem. */
  ParsedRequest parse(I submission);

  /** The task as this dialect's status read shows it; also what its event streams carry. */
  Object status(TaskRecord task);

  /** The body of the webhook of a finished task that this dialect created. */
  @Override
  Object payload(TaskRecord task);

  /**
   * The beginnings of the paths this dialect owns (lower case, ending in {@code /}): a request
   * under one of them that no endpoint takes (unknown path, wrong method) is answered by {@link
   * #error} with a {@link NoRouteException}.
   */
  List<String> pathPrefixes();

  /** The answer to an exception, in this dialect's error shape and status code. */
  ResponseEntity<Object> error(Throwable e);
}
