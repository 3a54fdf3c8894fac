package io.reelgate.server.engine;

import io.reelgate.providers.WebhookReply;
import io.reelgate.providers.WebhookRequest;

/** Job updates that upstreams push to the gateway. */
public interface UpstreamUpdates {

  /** What became of a pushed update. */
  enum Outcome {
    /** It said a job ended; its task moves on now. */
    ACCEPTED,
    /** It was the upstream's check of the address; answer with the adapter's reply. */
    HANDSHAKE,
    /** It says nothing about the outcome of a job this gateway runs. */
    IGNORED,
    /** No channel has this id. */
    UNKNOWN_CHANNEL,
    /** The channel's protocol takes no webhooks. */
    NO_WEBHOOKS,
    /** The channel's adapter could not verify it. */
    INVALID_SIGNATURE,
    /** The adapter could not read it. */
    UNREADABLE,
    /** The task could not be looked up just now; the upstream should send it again. */
    UNAVAILABLE
  }

  /**
   * The result, a sentence for the answer's body, and for a handshake the exact reply the upstream
   * expects.
   */
  record Receipt(Outcome outcome, String message, WebhookReply reply) {
    public Receipt(Outcome outcome, String message) {
      this(outcome, message, null);
    }
  }

  /** Verifies, reads and acts on an update pushed to the channel's webhook address. */
  Receipt receive(String channelId, WebhookRequest request);
}
