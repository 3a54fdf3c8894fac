package io.reelgate.server.api.apixo;

import io.reelgate.server.api.common.CallingKey;
import io.reelgate.server.api.common.StatusRoute;
import io.reelgate.server.task.TaskService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/v1/statusTask/{model}?taskId=…} with a bearer key, for {@link
 * io.reelgate.server.api.common.StatusReads}; the same read as {@link ApixoController#status}.
 */
@Component
class ApixoStatusRoute implements StatusRoute {
  static final String PREFIX = "/api/v1/statusTask/";

  private final TaskService tasks;
  private final ApixoDialect dialect;

  ApixoStatusRoute(TaskService tasks, ApixoDialect dialect) {
    this.tasks = tasks;
    this.dialect = dialect;
  }

  @Override
  public Read match(HttpServletRequest request) {
    String model = StatusRoute.lastSegment(request, PREFIX);
    if (model == null || !tasks.knowsModel(model)) {
      return null;
    }
    String taskId = StatusRoute.single(request, "taskId");
    return taskId == null
        ? null
        : new Read("apixo", PREFIX + "{model}", CallingKey.From.BEARER, taskId, dialect::status);
  }
}
