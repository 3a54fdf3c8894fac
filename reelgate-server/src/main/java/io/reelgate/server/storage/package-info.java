/**
 * Result storage: the {@link io.reelgate.server.engine.ResultStorage} port on local disk, and the
 * signed URLs results are served at.
 */
package io.reelgate.server.storage;
