package io.reelgate.server.api.pixazo;

import io.reelgate.server.api.common.CallingKey;
import io.reelgate.server.api.common.StatusRoute;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * {@code GET /v2/requests/status/{requestId}} with a subscription key, for {@link
 * io.reelgate.server.api.common.StatusReads}; the same read as {@link PixazoController#status}.
 */
@Component
class PixazoStatusRoute implements StatusRoute {
  private final PixazoDialect dialect;

  PixazoStatusRoute(PixazoDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public Read match(HttpServletRequest request) {
    String requestId = StatusRoute.lastSegment(request, PixazoController.STATUS_PATH);
    return requestId == null
        ? null
        : new Read(
            "pixazo",
            PixazoController.STATUS_PATH + "{requestId}",
            CallingKey.From.SUBSCRIPTION_KEY,
            requestId,
            dialect::status);
  }
}
