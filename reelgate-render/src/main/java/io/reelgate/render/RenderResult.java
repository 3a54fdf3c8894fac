package io.reelgate.render;

import java.nio.file.Path;

/** Where a finished clip and its poster frame were written, and what they hold. */
public record RenderResult(
    Path video, Path poster, int frames, int width, int height, double durationSeconds) {}
