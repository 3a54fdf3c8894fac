package io.reelgate.server.moderation;

import java.util.Optional;

/** Decides whether a prompt may be generated. */
public interface ContentPolicy {
  /** A short name for the operator's records ({@code terms}, {@code openai}). */
  String name();

  /**
   * @return why the prompt is refused, or empty when it may be generated
   * @throws ModerationUnavailableException when the policy cannot decide now
   */
  Optional<String> violation(String prompt);
}
