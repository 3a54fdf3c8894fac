/**
 * The Pixazo Sora-video dialect: {@code /sora-video/v1/video/generate}, {@code .../i2v/generate},
 * {@code .../result} and the universal {@code /v2/requests/status/{request_id}}. It reads the wire
 * format into the task core's commands and writes task records back in Pixazo's shapes; it owns no
 * state of its own. Errors become {@code {"error","message"}} bodies in {@link
 * io.reelgate.server.api.pixazo.PixazoExceptionHandler} only.
 */
package io.reelgate.server.api.pixazo;
