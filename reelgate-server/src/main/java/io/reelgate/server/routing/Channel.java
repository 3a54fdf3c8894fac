package io.reelgate.server.routing;

import io.reelgate.core.request.Routing;
import io.reelgate.providers.VideoProvider;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * One upstream account: a protocol adapter, the upstream's model ids, and its route class.
 *
 * @param id channel id used in the catalog
 * @param provider the protocol adapter
 * @param route {@code OFFICIAL} for the model maker's own API, {@code VALUE} otherwise
 * @param cost relative cost, for {@code value} routing
 * @param models public model id → upstream model id; a missing entry means "same id"
 * @param slots how many jobs may be handed to the channel at once on this node
 */
public record Channel(
    String id,
    VideoProvider provider,
    Routing route,
    long cost,
    Map<String, String> models,
    Semaphore slots) {

  public String upstreamModel(String publicModel) {
    return models.getOrDefault(publicModel, publicModel);
  }
}
