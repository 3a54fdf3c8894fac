package io.reelgate.providers;

/**
 * One upstream protocol. An adapter translates the normalized job into the upstream's calls and the
 * upstream's answers back; it keeps no state of its own between calls, so any node can poll a job
 * another node submitted.
 */
public interface VideoProvider {

  /** The protocol name used in channel configuration ({@code local}, {@code openai-videos}...). */
  String protocol();

  /**
   * Starts a job. Either the upstream accepted it and will be polled, or (for synchronous channels
   * such as the local renderer) the result is already there.
   *
   * @throws ProviderException with a category and retryability when the upstream refused or failed
   */
  Submission submit(ProviderJob job);

  /**
   * Asks the upstream how an accepted job is doing.
   *
   * @throws ProviderException when the upstream could not be asked or reported a failure
   */
  PollResult poll(ProviderJob job, String upstreamJobId);
}
