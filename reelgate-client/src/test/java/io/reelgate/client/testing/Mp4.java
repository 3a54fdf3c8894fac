package io.reelgate.client.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads just enough of an MP4 to check it: its top-level boxes and the video track's size. */
public final class Mp4 {
  /** The top-level box types in order, and the width and height of the first video track. */
  public record Info(List<String> boxes, int width, int height) {}

  private Mp4() {}

  public static Info read(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    List<String> boxes = new ArrayList<>();
    int[] size = {0, 0};
    walk(ByteBuffer.wrap(data), 0, data.length, boxes, size, true);
    return new Info(boxes, size[0], size[1]);
  }

  private static void walk(
      ByteBuffer buf, int start, int end, List<String> top, int[] size, boolean isTop) {
    int pos = start;
    while (pos + 8 <= end) {
      long boxSize = Integer.toUnsignedLong(buf.getInt(pos));
      String type =
          new String(
              new byte[] {buf.get(pos + 4), buf.get(pos + 5), buf.get(pos + 6), buf.get(pos + 7)},
              StandardCharsets.ISO_8859_1);
      int header = 8;
      if (boxSize == 1) {
        boxSize = buf.getLong(pos + 8);
        header = 16;
      } else if (boxSize == 0) {
        boxSize = end - pos;
      }
      if (boxSize < header || pos + boxSize > end) {
        break;
      }
      if (isTop) {
        top.add(type);
      }
      int contentStart = pos + header;
      int contentEnd = (int) (pos + boxSize);
      switch (type) {
        case "moov":
        case "trak":
        case "mdia":
        case "minf":
        case "stbl":
          walk(buf, contentStart, contentEnd, top, size, false);
          break;
        case "tkhd":
          if (size[0] == 0) {
            int version = buf.get(contentStart) & 0xff;
            int off = contentStart + (version == 1 ? 88 : 76);
            int w = buf.getInt(off) >>> 16;
            int h = buf.getInt(off + 4) >>> 16;
            if (w > 0 && h > 0) {
              size[0] = w;
              size[1] = h;
            }
          }
          break;
        default:
          break;
      }
      pos = contentEnd;
    }
  }
}
