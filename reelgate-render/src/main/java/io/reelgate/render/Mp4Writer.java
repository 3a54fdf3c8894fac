package io.reelgate.render;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Writes one H.264 video track as a progressive ("fast start") MP4: {@code ftyp}, then {@code
 * moov}, then {@code mdat}.
 *
 * <p>Samples are streamed to a temporary payload file as they arrive, so memory holds only one size
 * per sample. {@link #finish(Path)} then writes the header, which now knows every sample's size,
 * followed by the payload. Every field that could vary between runs (creation times and so on) is
 * fixed, so the same samples always give the same bytes.
 */
final class Mp4Writer implements Closeable {
  private static final int MOVIE_TIMESCALE = 1000;

  private final int width;
  private final int height;
  private final int fps;
  private final Path payloadFile;
  private final OutputStream payload;
  private int[] sizes = new int[256];
  private boolean[] sync = new boolean[256];
  private int count;
  private long payloadBytes;
  private byte[] sps;
  private byte[] pps;
  private boolean closed;

  Mp4Writer(Path directory, int width, int height, int fps) throws IOException {
    this.width = width;
    this.height = height;
    this.fps = fps;
    this.payloadFile = Files.createTempFile(directory, ".reelgate-", ".mdat");
    this.payload =
        new java.io.BufferedOutputStream(
            Files.newOutputStream(payloadFile, StandardOpenOption.WRITE), 1 << 16);
  }

  /** Sets the sequence and picture parameter sets (NAL units without start codes). */
  void setParameterSets(byte[] sps, byte[] pps) {
    if (this.sps == null) {
      this.sps = sps.clone();
      this.pps = pps.clone();
    }
  }

  /** Appends one sample: NAL units each prefixed with a 4-byte big-endian length. */
  void addSample(byte[] data, int offset, int length, boolean syncSample) throws IOException {
    if (count == sizes.length) {
      sizes = Arrays.copyOf(sizes, count * 2);
      sync = Arrays.copyOf(sync, count * 2);
    }
    payload.write(data, offset, length);
    sizes[count] = length;
    sync[count] = syncSample;
    count++;
    payloadBytes += length;
  }

  int sampleCount() {
    return count;
  }

  /** Writes the finished file to {@code out} (atomically replacing it) and deletes the payload. */
  void finish(Path out) throws IOException {
    if (sps == null) {
      throw new IllegalStateException("no parameter sets");
    }
    payload.close();
    byte[] ftyp = ftyp();
    boolean large = payloadBytes + 16 > 0xFFFFFFFFL;
    int mdatHeader = large ? 16 : 8;
    // The chunk offset field has a fixed width, so the header's size does not depend on its value.
    int moovSize = moov(0, large).length;
    long dataOffset = (long) ftyp.length + moovSize + mdatHeader;
    byte[] moov = moov(dataOffset, large || dataOffset + payloadBytes > 0xFFFFFFFFL);
    if (moov.length != moovSize) {
      moov = moov(dataOffset, true);
      dataOffset = (long) ftyp.length + moov.length + mdatHeader;
      moov = moov(dataOffset, true);
    }
    Path tmp = TempFiles.besides(out);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          FileChannel in = FileChannel.open(payloadFile, StandardOpenOption.READ)) {
        Box header = new Box();
        header.bytes(ftyp);
        header.bytes(moov);
        if (large) {
          header.u32(1);
          header.type("mdat");
          header.u64(payloadBytes + 16);
        } else {
          header.u32(payloadBytes + 8);
          header.type("mdat");
        }
        ch.write(java.nio.ByteBuffer.wrap(header.toByteArray()));
        long pos = 0;
        while (pos < payloadBytes) {
          pos += in.transferTo(pos, payloadBytes - pos, ch);
        }
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
      close();
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      try {
        payload.close();
      } finally {
        Files.deleteIfExists(payloadFile);
      }
    }
  }

  private static byte[] ftyp() {
    Box b = new Box();
    b.start("ftyp");
    b.type("isom");
    b.u32(0x200);
    b.type("isom");
    b.type("iso2");
    b.type("avc1");
    b.type("mp41");
    b.end();
    return b.toByteArray();
  }

  private byte[] moov(long dataOffset, boolean co64) {
    long mediaTimescale = fps * 1000L;
    long mediaDuration = count * 1000L;
    long movieDuration = Math.round(count * (double) MOVIE_TIMESCALE / fps);
    Box b = new Box();
    b.start("moov");

    b.fullBox("mvhd", 0, 0);
    b.u32(0); // creation time
    b.u32(0); // modification time
    b.u32(MOVIE_TIMESCALE);
    b.u32(movieDuration);
    b.u32(0x00010000); // rate 1.0
    b.u16(0x0100); // volume 1.0
    b.zeros(10);
    matrix(b);
    b.zeros(24);
    b.u32(2); // next track id
    b.end();

    b.start("trak");
    b.fullBox("tkhd", 0, 3); // enabled, in movie
    b.u32(0);
    b.u32(0);
    b.u32(1); // track id
    b.u32(0);
    b.u32(movieDuration);
    b.zeros(8);
    b.u16(0); // layer
    b.u16(0); // alternate group
    b.u16(0); // volume
    b.u16(0);
    matrix(b);
    b.u32((long) width << 16);
    b.u32((long) height << 16);
    b.end();

    b.start("mdia");
    b.fullBox("mdhd", 0, 0);
    b.u32(0);
    b.u32(0);
    b.u32(mediaTimescale);
    b.u32(mediaDuration);
    b.u16(0x55C4); // "und"
    b.u16(0);
    b.end();

    b.fullBox("hdlr", 0, 0);
    b.u32(0);
    b.type("vide");
    b.zeros(12);
    b.bytes("VideoHandler\0".getBytes(StandardCharsets.US_ASCII));
    b.end();

    b.start("minf");
    b.fullBox("vmhd", 0, 1);
    b.zeros(8);
    b.end();
    b.start("dinf");
    b.fullBox("dref", 0, 0);
    b.u32(1);
    b.fullBox("url ", 0, 1);
    b.end();
    b.end();
    b.end();

    b.start("stbl");
    sampleDescription(b);

    b.fullBox("stts", 0, 0);
    b.u32(1);
    b.u32(count);
    b.u32(1000);
    b.end();

    int syncCount = 0;
    for (int i = 0; i < count; i++) {
      if (sync[i]) {
        syncCount++;
      }
    }
    b.fullBox("stss", 0, 0);
    b.u32(syncCount);
    for (int i = 0; i < count; i++) {
      if (sync[i]) {
        b.u32(i + 1);
      }
    }
    b.end();

    b.fullBox("stsc", 0, 0);
    b.u32(1);
    b.u32(1); // first chunk
    b.u32(count); // samples per chunk: everything in one chunk
    b.u32(1); // sample description index
    b.end();

    b.fullBox("stsz", 0, 0);
    b.u32(0);
    b.u32(count);
    for (int i = 0; i < count; i++) {
      b.u32(sizes[i]);
    }
    b.end();

    if (co64) {
      b.fullBox("co64", 0, 0);
      b.u32(1);
      b.u64(dataOffset);
    } else {
      b.fullBox("stco", 0, 0);
      b.u32(1);
      b.u32(dataOffset);
    }
    b.end();

    b.end(); // stbl
    b.end(); // minf
    b.end(); // mdia
    b.end(); // trak
    b.end(); // moov
    return b.toByteArray();
  }

  private void sampleDescription(Box b) {
    b.fullBox("stsd", 0, 0);
    b.u32(1);
    b.start("avc1");
    b.zeros(6);
    b.u16(1); // data reference index
    b.zeros(16);
    b.u16(width);
    b.u16(height);
    b.u32(0x00480000); // 72 dpi
    b.u32(0x00480000);
    b.u32(0);
    b.u16(1); // frame count
    byte[] name = new byte[32];
    byte[] label = "Reelgate H.264".getBytes(StandardCharsets.US_ASCII);
    name[0] = (byte) label.length;
    System.arraycopy(label, 0, name, 1, label.length);
    b.bytes(name);
    b.u16(0x18); // depth
    b.u16(0xFFFF); // pre-defined -1

    b.start("avcC");
    b.u8(1);
    b.u8(sps[1] & 0xFF); // profile
    b.u8(sps[2] & 0xFF); // compatibility
    b.u8(sps[3] & 0xFF); // level
    b.u8(0xFF); // 4-byte NAL lengths
    b.u8(0xE1); // one SPS
    b.u16(sps.length);
    b.bytes(sps);
    b.u8(1); // one PPS
    b.u16(pps.length);
    b.bytes(pps);
    b.end();

    // Colour information, repeating what the SPS's VUI says: BT.601 (SMPTE 170M), limited range.
    b.start("colr");
    b.type("nclx");
    b.u16(6);
    b.u16(6);
    b.u16(6);
    b.u8(0);
    b.end();

    b.start("pasp");
    b.u32(1);
    b.u32(1);
    b.end();

    b.end(); // avc1
    b.end(); // stsd
  }

  private static void matrix(Box b) {
    b.u32(0x00010000);
    b.u32(0);
    b.u32(0);
    b.u32(0);
    b.u32(0x00010000);
    b.u32(0);
    b.u32(0);
    b.u32(0);
    b.u32(0x40000000);
  }

  /** A growable byte buffer with nested box bookkeeping. */
  private static final class Box {
    private byte[] buf = new byte[4096];
    private int len;
    private final Deque<Integer> open = new ArrayDeque<>();

    void start(String type) {
      open.push(len);
      u32(0);
      type(type);
    }

    void fullBox(String type, int version, int flags) {
      start(type);
      u32(((long) version << 24) | flags);
    }

    void end() {
      int startPos = open.pop();
      int size = len - startPos;
      buf[startPos] = (byte) (size >>> 24);
      buf[startPos + 1] = (byte) (size >>> 16);
      buf[startPos + 2] = (byte) (size >>> 8);
      buf[startPos + 3] = (byte) size;
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }

    void type(String fourcc) {
      bytes(fourcc.getBytes(StandardCharsets.US_ASCII));
    }

    void u8(int v) {
      ensure(1);
      buf[len++] = (byte) v;
    }

    void u16(int v) {
      u8(v >>> 8);
      u8(v);
    }

    void u32(long v) {
      u8((int) (v >>> 24));
      u8((int) (v >>> 16));
      u8((int) (v >>> 8));
      u8((int) v);
    }

    void u64(long v) {
      u32(v >>> 32);
      u32(v & 0xFFFFFFFFL);
    }

    void zeros(int n) {
      ensure(n);
      len += n;
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }

    byte[] toByteArray() {
      if (!open.isEmpty()) {
        throw new IllegalStateException("unclosed box");
      }
      return Arrays.copyOf(buf, len);
    }
  }
}
