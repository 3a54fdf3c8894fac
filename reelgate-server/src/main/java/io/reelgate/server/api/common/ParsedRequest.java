package io.reelgate.server.api.common;

import io.reelgate.core.request.GenerationRequest;

/**
 * A submission as a dialect read it.
 *
 * @param request the normalized request
 * @param callbackUrl where to deliver the completion webhook, or null
 * @param callbackSource the wire name the callback came from (a body field or a header), so that a
 *     bad URL is reported under the name the client used; null without a callback
 */
public record ParsedRequest(GenerationRequest request, String callbackUrl, String callbackSource) {
  public ParsedRequest(GenerationRequest request, String callbackUrl) {
    this(request, callbackUrl, callbackUrl == null ? null : "callback_url");
  }
}
