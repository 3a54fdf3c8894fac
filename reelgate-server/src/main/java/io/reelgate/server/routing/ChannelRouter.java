package io.reelgate.server.routing;

import io.reelgate.core.ReelgateException;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.local.LocalProvider;
import io.reelgate.server.config.ReelgateSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Picks the channel of a task from the channels configured for its model. The built-in {@code
 * local} channel serves any model and any routing strategy: it is what a gateway without upstreams
 * runs on.
 */
@Component
public class ChannelRouter {
  private final Map<String, Channel> channels;

  public ChannelRouter(LocalProvider local, ReelgateSettings settings) {
    int renders = Math.max(1, settings.local().maxConcurrentRenders());
    this.channels =
        Map.of(
            "local",
            new Channel("local", local, Routing.OFFICIAL, 0, Map.of(), new Semaphore(renders)));
  }

  /** The channel with this id, if configured. */
  public Optional<Channel> byId(String id) {
    return Optional.ofNullable(id).map(channels::get);
  }

  /**
   * The channel that serves the model under the given routing strategy.
   *
   * @throws NoChannelException when no configured channel fits
   */
  public Channel choose(ModelSpec model, Routing routing) {
    List<Channel> candidates =
        model.channels().stream().map(channels::get).filter(c -> c != null).toList();
    for (Channel c : candidates) {
      if (c.provider() instanceof LocalProvider
          || routing != Routing.OFFICIAL
          || c.route() == Routing.OFFICIAL) {
        return c;
      }
    }
    throw new NoChannelException(model.id(), routing);
  }

  /** No channel can serve a model under a routing strategy. */
  public static class NoChannelException extends ReelgateException {
    public NoChannelException(String model, Routing routing) {
      super("no channel serves " + model + " with routing " + routing.wireName(), false);
    }
  }
}
