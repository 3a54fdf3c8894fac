package io.reelgate.server.api.apixo;

import io.reelgate.core.request.GenerationRequest;

/** A parsed {@code generateTask} body: the normalized request and where to call back. */
record ApixoRequest(GenerationRequest request, String callbackUrl) {}
