package io.reelgate.server.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/1.1 origin on 127.0.0.1 that answers one request with a body of {@code head} followed
 * by zeros up to {@code total} bytes, and counts how many body bytes it managed to write before the
 * client hung up: the proof that a refused body was not read whole.
 */
final class StreamingOrigin implements AutoCloseable {
  private final ServerSocket socket;
  private final CompletableFuture<Long> written = new CompletableFuture<>();

  /**
   * @param declareLength send a Content-Length header; otherwise the body ends when the connection
   *     closes
   */
  StreamingOrigin(byte[] head, long total, boolean declareLength) {
    try {
      socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().start(() -> serve(head, total, declareLength));
  }

  private void serve(byte[] head, long total, boolean declareLength) {
    long count = 0;
    try (Socket s = socket.accept()) {
      s.setSendBufferSize(64 * 1024);
      readRequestHead(s.getInputStream());
      OutputStream out = s.getOutputStream();
      String headers =
          "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
              + (declareLength ? "Content-Length: " + total + "\r\n" : "Connection: close\r\n")
              + "\r\n";
      out.write(headers.getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      count = head.length;
      byte[] zeros = new byte[16 * 1024];
      while (count < total) {
        int n = (int) Math.min(zeros.length, total - count);
        out.write(zeros, 0, n);
        count += n;
      }
      out.flush();
    } catch (IOException e) {
      // the client hung up: count holds what was written until then
    } finally {
      written.complete(count);
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  String url(String host) {
    return "http://" + host + ":" + socket.getLocalPort() + "/image.png";
  }

  /** Body bytes written before the client went away (or all of them). */
  long bytesWritten() throws Exception {
    return written.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
