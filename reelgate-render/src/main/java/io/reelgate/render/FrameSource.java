package io.reelgate.render;

/**
 * Draws the frames of one clip. Implementations are immutable after construction and draw each
 * frame from its index alone, so frames can be drawn on several threads in any order.
 */
interface FrameSource {
  /** Draws frame {@code index} (0-based) over the whole visible area of {@code frame}. */
  void draw(int index, YuvFrame frame);
}
