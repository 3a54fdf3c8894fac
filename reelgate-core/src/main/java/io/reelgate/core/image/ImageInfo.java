package io.reelgate.core.image;

/** What an image header says: its format and its pixel dimensions. */
public record ImageInfo(ImageFormat format, int width, int height) {}
