package io.reelgate.server.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a {@code multipart/form-data} body as the OpenAI SDKs send one. */
public final class Multipart {
  private final String boundary = "----reelgate-test-" + System.nanoTime();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A text field. */
  public Multipart field(String name, String value) {
    head("form-data; name=\"" + name + "\"", null);
    write(value.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A file field. */
  public Multipart file(String name, String filename, String type, byte[] bytes) {
    head("form-data; name=\"" + name + "\"; filename=\"" + filename + "\"", type);
    write(bytes);
    return this;
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public byte[] bytes() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return copy.toByteArray();
  }

  private void head(String disposition, String type) {
    StringBuilder h = new StringBuilder();
    h.append("--").append(boundary).append("\r\n");
    h.append("Content-Disposition: ").append(disposition).append("\r\n");
    if (type != null) {
      h.append("Content-Type: ").append(type).append("\r\n");
    }
    h.append("\r\n");
    out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void write(byte[] bytes) {
    out.writeBytes(bytes);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }
}
