package io.reelgate.client.apixo;

import java.util.Map;

/**
 * The price of a request, computed as for a real submission; nothing is created.
 *
 * @param credits the credits the task would reserve and, on success, be charged
 * @param request the request as the gateway normalized it (model, kind, duration, size, …)
 */
public record Estimate(long credits, Map<String, Object> request) {}
