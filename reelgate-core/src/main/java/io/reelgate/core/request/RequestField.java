package io.reelgate.core.request;

/**
 * The fields of a {@link GenerationRequest} that validation can complain about. Dialects map each
 * to the name the client used on the wire ({@code input.duration}, {@code seconds}, ...).
 */
public enum RequestField {
  MODEL,
  KIND,
  PROMPT,
  DURATION,
  SIZE,
  IMAGES,
  QUALITY,
  ROUTING,
  SEED,
  CALLBACK
}
