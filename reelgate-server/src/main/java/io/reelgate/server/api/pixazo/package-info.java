/**
 * The Pixazo Sora-video dialect: {@code /sora-video/v1/video/generate}, {@code .../i2v/generate},
 * {@code .../result} and the universal {@code /v2/requests/status/{request_id}}. It reads the wire
 * format into the task core's commands and writes task records back in Pixazo's shapes; it owns no
 * state of its own. {@link io.reelgate.server.api.pixazo.PixazoDialect} is its side of the dialect
 * contract and the one place where exceptions become {@code {"error","message"}} bodies.
 */
package io.reelgate.server.api.pixazo;
