package io.reelgate.providers;

import io.reelgate.core.request.GenerationRequest;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One upstream protocol. An adapter translates the normalized job into the upstream's calls and the
 * upstream's answers back; it keeps no state of its own between calls, so any node can poll a job
 * another node submitted. It reaches the network and the clock only through the {@link
 * ProviderRuntime} it was made with.
 */
public interface VideoProvider {

  /** The protocol name used in channel configuration ({@code local}, {@code openai-videos}...). */
  String protocol();

  /**
   * Refuses, before anything is sent, a request this channel cannot render as asked (a duration,
   * frame size, kind, seed or watermark setting its upstream model does not take). The gateway may
   * call it when a task is submitted, so that the client gets a 400 instead of a failed task;
   * {@link #submit} checks the same again. It makes no network call.
   *
   * @param upstreamModel the channel's upstream model id for the request's public model
   * @throws ProviderException of category BAD_INPUT whose {@link ProviderException#field()} or
   *     {@link ProviderException#option()} names what is refused
   */
  default void check(GenerationRequest request, String upstreamModel) {}

  /**
   * Starts a job. Either the upstream accepted it and will be polled, or (for synchronous channels
   * such as the local renderer) the result is already there.
   *
   * @throws ProviderException with a category and retryability when the upstream refused or failed
   */
  Submission submit(ProviderJob job);

  /**
   * Asks the upstream how an accepted job is doing. A job the upstream ended without a video is
   * reported as {@link PollResult.Failed}.
   *
   * @throws ProviderException when the upstream could not be asked (the job may still be fine)
   */
  PollResult poll(ProviderJob job, String upstreamJobId);

  /**
   * Asks the upstream to stop a job, where the protocol can.
   *
   * @return whether the upstream was asked (false when the protocol has no cancel)
   * @throws ProviderException when the upstream could not be asked
   */
  default boolean cancel(ProviderJob job, String upstreamJobId) {
    return false;
  }

  /**
   * Copies a finished job's video from the upstream into {@code target}, with whatever credentials
   * and redirects the upstream's download needs. Only called for results given by URL.
   *
   * @throws ProviderException when the download failed
   */
  default void download(ProviderJob job, ResultMedia media, Path target) {
    throw ProviderException.of(
        FailureCategory.INTERNAL, protocol() + " results cannot be downloaded by URL");
  }

  /** Whether the upstream can push job updates to the gateway. */
  default boolean acceptsWebhooks() {
    return false;
  }

  /**
   * Answers a verification handshake some upstreams send to a webhook address before they push
   * updates to it (MiniMax posts a {@code challenge} that must be echoed). Called before {@link
   * #parseWebhook}; when it returns an answer, the gateway sends exactly that with HTTP 200 and
   * does not read the request as an update.
   */
  default Optional<WebhookReply> webhookHandshake(WebhookRequest request) {
    return Optional.empty();
  }

  /**
   * Verifies and reads a pushed update.
   *
   * @return the update, or empty for events that say nothing about a job's outcome
   * @throws InvalidWebhookException when verification fails
   */
  default Optional<UpstreamUpdate> parseWebhook(WebhookRequest request) {
    return Optional.empty();
  }
}
