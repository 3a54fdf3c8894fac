package io.reelgate.server.routing;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether a channel can render a request as asked, by its adapter's {@link
 * io.reelgate.providers.VideoProvider#check} (no network call). A submission is refused only when
 * every channel that could serve it under its routing refuses; the dispatch of a task skips the
 * channels that refuse it.
 */
@Component
public class ChannelChecks {
  private static final Logger log = LoggerFactory.getLogger(ChannelChecks.class);

  private final ChannelRouter router;

  public ChannelChecks(ChannelRouter router) {
    this.router = router;
  }

  /** The channel's refusal of the request, or empty when it takes it. */
  public Optional<ProviderException> refusal(Channel channel, GenerationRequest request) {
    try {
      channel.provider().check(request, channel.upstreamModel(request.model()));
      return Optional.empty();
    } catch (ProviderException e) {
      if (e.category() == FailureCategory.BAD_INPUT) {
        return Optional.of(e);
      }
      // why: a check makes no call, so anything else is the adapter's fault, not the request's
      log.warn("channel {}: check failed: {}", channel.id(), e.getMessage());
      return Optional.empty();
    } catch (RuntimeException e) {
      log.warn("channel {}: check failed", channel.id(), e);
      return Optional.empty();
    }
  }

  /** Whether the channel takes the request as asked. */
  public boolean accepts(Channel channel, GenerationRequest request) {
    return refusal(channel, request).isEmpty();
  }

  /**
   * Refuses a request that no channel able to serve it under its routing would take.
   *
   * @throws ParametersRefusedException with the refusal of the first channel in routing order
   */
  public void requireAccepted(ModelSpec model, GenerationRequest request) {
    List<Channel> candidates;
    try {
      candidates = router.candidates(model, request.routing());
    } catch (ChannelRouter.NoChannelException e) {
      // why: a routing no channel fits is reported when the task runs, as before
      return;
    }
    ProviderException first = null;
    for (Channel c : candidates) {
      Optional<ProviderException> refused = refusal(c, request);
      if (refused.isEmpty()) {
        return;
      }
      if (first == null) {
        first = refused.get();
      }
    }
    if (first != null) {
      throw new ParametersRefusedException(first, model.family(), request.kind());
    }
  }
}
