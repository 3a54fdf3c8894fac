package io.reelgate.render;

/** How a clip is built from its inputs. */
public enum RenderMode {
  /** An animated scene derived from the prompt and the seed; no images. */
  TEXT,
  /** A camera move over the single input image. */
  IMAGE,
  /** From the first image to the last one (one image behaves like {@link #IMAGE}). */
  FIRST_LAST,
  /** The reference images in sequence, with transitions. */
  REFERENCES
}
