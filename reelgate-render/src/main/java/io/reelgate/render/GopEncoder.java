package io.reelgate.render;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.model.Size;

/**
 * Encodes one closed group of pictures: an IDR frame followed by P frames, with a fresh encoder, so
 * that groups can be encoded on different threads and joined in order. The result depends only on
 * the frames, never on which thread encoded it or when.
 */
final class GopEncoder {
  private GopEncoder() {}

  /** The samples of one group, each in MP4 form (NAL units with 4-byte length prefixes). */
  record EncodedGop(byte[] data, int[] sizes, byte[] sps, byte[] pps) {}

  /**
   * Draws and encodes frames {@code first} to {@code first + count - 1}. {@code keyInterval} is the
   * group length used for every group of the clip; it fixes the SPS, which must not differ between
   * groups.
   */
  static EncodedGop encode(
      FrameSource source, int first, int count, int width, int height, int fps, int keyInterval) {
    YuvFrame frame = new YuvFrame(width, height);
    H264Encoder encoder = new Bt601Encoder(fps);
    encoder.setKeyInterval(Math.max(keyInterval, count));
    // JCodec 0.2.5 searches motion exhaustively over the whole range, which dominates encoding
    // time, and it cannot code skipped macroblocks, so vectors save little: on these slow,
    // smooth moves, range 0 gives files of the same size 3-5x faster.
    encoder.setMotionSearchRange(0);
    ByteBuffer buffer =
        ByteBuffer.allocate(frame.picture.getWidth() * frame.picture.getHeight() * 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream(count * 32 * 1024);
    int[] sizes = new int[count];
    byte[][] parameterSets = new byte[2][];
    for (int i = 0; i < count; i++) {
      source.draw(first + i, frame);
      frame.padEdges();
      buffer.clear();
      EncodedFrame encoded = encoder.encodeFrame(frame.picture, buffer);
      if (i == 0 && !encoded.isKeyFrame()) {
        throw new IllegalStateException("group does not start with an IDR frame");
      }
      int before = out.size();
      toLengthPrefixed(encoded.getData(), out, parameterSets);
      sizes[i] = out.size() - before;
    }
    if (parameterSets[0] == null || parameterSets[1] == null) {
      throw new IllegalStateException("encoder wrote no SPS/PPS");
    }
    return new EncodedGop(out.toByteArray(), sizes, parameterSets[0], parameterSets[1]);
  }

  /**
   * Splits an Annex B stream at its start codes; slices are appended with length prefixes, the
   * parameter sets are kept aside for the sample description.
   */
  static void toLengthPrefixed(ByteBuffer annexB, ByteArrayOutputStream out, byte[][] ps) {
    byte[] a = new byte[annexB.remaining()];
    annexB.duplicate().get(a);
    int n = a.length;
    int i = nextStart(a, 0);
    while (i < n) {
      int begin = i;
      int next = nextStart(a, begin);
      int end = next == n ? n : next - 3;
      while (end > begin && a[end - 1] == 0) {
        end--; // trailing zero of a 4-byte start code
      }
      int type = a[begin] & 0x1F;
      int len = end - begin;
      if (type == 7) {
        ps[0] = java.util.Arrays.copyOfRange(a, begin, end);
      } else if (type == 8) {
        ps[1] = java.util.Arrays.copyOfRange(a, begin, end);
      } else if (len > 0) {
        out.write(len >>> 24);
        out.write(len >>> 16);
        out.write(len >>> 8);
        out.write(len);
        out.write(a, begin, len);
      }
      i = next;
    }
  }

  /** Index just past the next 00 00 01 at or after {@code from}, or {@code a.length}. */
  private static int nextStart(byte[] a, int from) {
    for (int i = from; i + 2 < a.length; i++) {
      if (a[i] == 0 && a[i + 1] == 0 && a[i + 2] == 1) {
        return i + 3;
      }
    }
    return a.length;
  }

  static final int I_QP = Integer.getInteger("reelgate.render.iqp", 20);
  static final int P_QP = Integer.getInteger("reelgate.render.pqp", 26);

  /**
   * Constant quantiser per slice type, raised for a macroblock only if it would overflow its share
   * of the output buffer (as JCodec's own DumbRateControl does).
   */
  static final class FixedQp implements RateControl {
    private final int iQp;
    private final int pQp;
    private int bitsPerMb;
    private int totalQpDelta;
    private boolean justSwitched;

    FixedQp(int iQp, int pQp) {
      this.iQp = iQp;
      this.pQp = pQp;
    }

    @Override
    public int startPicture(Size size, int maxSize, SliceType sliceType) {
      int mbs = ((size.getWidth() + 15) >> 4) * ((size.getHeight() + 15) >> 4);
      bitsPerMb = (maxSize << 3) / mbs;
      totalQpDelta = 0;
      justSwitched = false;
      return sliceType == SliceType.P ? pQp : iQp;
    }

    @Override
    public int initialQpDelta() {
      return 0;
    }

    @Override
    public int accept(int bits) {
      if (bits >= bitsPerMb) {
        totalQpDelta++;
        justSwitched = true;
        return 1;
      }
      if (totalQpDelta > 0 && !justSwitched && bitsPerMb - bits > (bitsPerMb >> 3)) {
        totalQpDelta--;
        justSwitched = true;
        return -1;
      }
      justSwitched = false;
      return 0;
    }
  }

  /**
   * JCodec's encoder, with a VUI in its SPS: limited range, BT.601 (SMPTE 170M) primaries, transfer
   * and matrix, frame timing, and no frame reordering.
   */
  static final class Bt601Encoder extends H264Encoder {
    private final int fps;

    Bt601Encoder(int fps) {
      this(fps, new FixedQp(I_QP, P_QP));
    }

    Bt601Encoder(int fps, RateControl rc) {
      super(rc);
      this.fps = fps;
    }

    @Override
    public SeqParameterSet initSPS(Size size) {
      SeqParameterSet sps = super.initSPS(size);
      VUIParameters vui = new VUIParameters();
      vui.videoSignalTypePresentFlag = true;
      vui.videoFormat = 5; // unspecified
      vui.videoFullRangeFlag = false;
      vui.colourDescriptionPresentFlag = true;
      vui.colourPrimaries = 6;
      vui.transferCharacteristics = 6;
      vui.matrixCoefficients = 6;
      vui.timingInfoPresentFlag = true;
      vui.numUnitsInTick = 1000;
      vui.timeScale = 2000 * fps;
      vui.fixedFrameRateFlag = true;
      VUIParameters.BitstreamRestriction restriction = new VUIParameters.BitstreamRestriction();
      restriction.motionVectorsOverPicBoundariesFlag = true;
      restriction.log2MaxMvLengthHorizontal = 15;
      restriction.log2MaxMvLengthVertical = 15;
      restriction.numReorderFrames = 0;
      restriction.maxDecFrameBuffering = 1;
      vui.bitstreamRestriction = restriction;
      sps.vuiParams = vui;
      return sps;
    }
  }
}
