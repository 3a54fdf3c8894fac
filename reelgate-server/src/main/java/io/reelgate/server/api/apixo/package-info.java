/**
 * The APIXO task dialect: {@code generateTask}, {@code statusTask}, {@code cancelTask} and {@code
 * estimate} under {@code /api/v1}, in the {@code {"code","message","data"}} envelope. {@link
 * io.reelgate.server.api.apixo.ApixoDialect} is its side of the dialect contract: it reads bodies,
 * renders statuses and webhooks as records, and is the one place where exceptions become envelopes.
 */
package io.reelgate.server.api.apixo;
