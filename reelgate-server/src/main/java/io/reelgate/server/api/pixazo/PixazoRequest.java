package io.reelgate.server.api.pixazo;

import io.reelgate.core.request.GenerationRequest;

/**
 * A parsed generate body.
 *
 * @param request the normalized request
 * @param callbackUrl where to deliver the completion webhook, or null
 * @param callbackSource the wire name the callback came from ({@code callback_url} or the {@code
 *     X-Webhook-URL} header), so that a bad URL is reported under the name the client used
 */
record PixazoRequest(GenerationRequest request, String callbackUrl, String callbackSource) {}
