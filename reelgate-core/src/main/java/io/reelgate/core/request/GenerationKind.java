package io.reelgate.core.request;

/** What a generation starts from. */
public enum GenerationKind {
  TEXT_TO_VIDEO,
  IMAGE_TO_VIDEO,
  FIRST_AND_LAST_FRAMES,
  REFERENCE_IMAGES
}
