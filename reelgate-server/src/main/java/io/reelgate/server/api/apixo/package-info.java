/**
 * The APIXO task dialect: {@code generateTask}, {@code statusTask}, {@code cancelTask} and {@code
 * estimate} under {@code /api/v1}, in the {@code {"code","message","data"}} envelope. Errors become
 * envelopes in {@link io.reelgate.server.api.apixo.ApixoExceptionHandler} only.
 */
package io.reelgate.server.api.apixo;
