/**
 * Content moderation of prompts before a task is accepted: a {@link
 * io.reelgate.server.moderation.ContentPolicy} decides, {@link
 * io.reelgate.server.moderation.Moderation} asks the configured policies in turn and records every
 * refusal for the operator.
 */
package io.reelgate.server.moderation;
