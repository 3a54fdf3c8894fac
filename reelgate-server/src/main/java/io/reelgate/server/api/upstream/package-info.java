/**
 * {@code POST /upstream/v1/webhooks/{channelId}}: job updates upstreams push, handed to the
 * engine's {@link io.reelgate.server.engine.UpstreamUpdates} and answered with the status an
 * upstream expects.
 */
package io.reelgate.server.api.upstream;
