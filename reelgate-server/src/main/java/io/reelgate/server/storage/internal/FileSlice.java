package io.reelgate.server.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.http.ContentStreamProvider;

/** One part of a file as a stream the SDK can open again (it reads a part more than once). */
final class FileSlice extends InputStream {
  private final InputStream in;
  private long left;

  private FileSlice(InputStream in, long length) {
    this.in = in;
    this.left = length;
  }

  static ContentStreamProvider provider(Path file, long offset, long length) {
    return () -> {
      try {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
        return new FileSlice(Channels.newInputStream(channel), length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Override
  public int read() throws IOException {
    if (left <= 0) {
      return -1;
    }
    int b = in.read();
    if (b >= 0) {
      left--;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    if (left <= 0) {
      return -1;
    }
    int n = in.read(buffer, off, (int) Math.min(len, left));
    if (n > 0) {
      left -= n;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
