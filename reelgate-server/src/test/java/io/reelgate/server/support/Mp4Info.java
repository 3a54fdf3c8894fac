package io.reelgate.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;

/** Reads what tests need from an MP4 file's boxes: order, duration, frame size and codec. */
public record Mp4Info(
    List<String> topLevelBoxes, double durationSeconds, int width, int height, String codec) {

  public static Mp4Info parse(byte[] file) {
    List<String> top = new ArrayList<>();
    ByteBuffer moov = null;
    int pos = 0;
    while (pos + 8 <= file.length) {
      long size = Integer.toUnsignedLong(ByteBuffer.wrap(file, pos, 4).getInt());
      String type = new String(file, pos + 4, 4, StandardCharsets.US_ASCII);
      int header = 8;
      if (size == 1) {
        size = ByteBuffer.wrap(file, pos + 8, 8).getLong();
        header = 16;
      } else if (size == 0) {
        size = file.length - pos;
      }
      top.add(type);
      if (type.equals("moov")) {
        moov = ByteBuffer.wrap(file, pos + header, (int) size - header).slice();
      }
      pos += (int) size;
    }
    if (moov == null) {
      throw new AssertionError("no moov box; boxes: " + top);
    }
    ByteBuffer mvhd = find(moov, "mvhd");
    int version = mvhd.get(0);
    long timescale;
    long duration;
    if (version == 1) {
      timescale = Integer.toUnsignedLong(mvhd.getInt(20));
      duration = mvhd.getLong(24);
    } else {
      timescale = Integer.toUnsignedLong(mvhd.getInt(12));
      duration = Integer.toUnsignedLong(mvhd.getInt(16));
    }
    ByteBuffer trak = find(moov, "trak");
    ByteBuffer tkhd = find(trak, "tkhd");
    int tkVersion = tkhd.get(0);
    int sizeOffset = tkVersion == 1 ? 88 : 76;
    int width = tkhd.getInt(sizeOffset) >>> 16;
    int height = tkhd.getInt(sizeOffset + 4) >>> 16;
    ByteBuffer stsd = find(find(find(find(trak, "mdia"), "minf"), "stbl"), "stsd");
    byte[] codec = new byte[4];
    stsd.get(12, codec);
    return new Mp4Info(
        top,
        duration / (double) timescale,
        width,
        height,
        new String(codec, StandardCharsets.US_ASCII));
  }

  /**
   * The first video track as JCodec's MP4 demuxer reads it: frame size from the codec metadata,
   * duration of the track and JCodec's codec name (for example {@code H264}). A reading by a real
   * demuxer, independent of {@link #parse}.
   */
  public record VideoTrack(int width, int height, double seconds, String codec) {
    public static VideoTrack demux(byte[] file) {
      try {
        MP4Demuxer demuxer =
            MP4Demuxer.createMP4Demuxer(
                ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(file)));
        DemuxerTrackMeta meta = demuxer.getVideoTrack().getMeta();
        return new VideoTrack(
            meta.getVideoCodecMeta().getSize().getWidth(),
            meta.getVideoCodecMeta().getSize().getHeight(),
            meta.getTotalDuration(),
            String.valueOf(meta.getCodec()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static ByteBuffer find(ByteBuffer parent, String wanted) {
    int pos = 0;
    while (pos + 8 <= parent.limit()) {
      int size = parent.getInt(pos);
      byte[] t = new byte[4];
      parent.get(pos + 4, t);
      if (size < 8) {
        break;
      }
      if (new String(t, StandardCharsets.US_ASCII).equals(wanted)) {
        return parent.slice(pos + 8, size - 8);
      }
      pos += size;
    }
    throw new AssertionError("no " + wanted + " box");
  }
}
