package io.reelgate.server.support;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/** Test images, and a loopback HTTP server that serves them (and canned failures). */
public final class TestImages implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, byte[]> once = new ConcurrentHashMap<>();
  private volatile boolean acceptPosts;

  public TestImages() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          if (acceptPosts && exchange.getRequestMethod().equals("POST")) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
          }
          byte[] body = once.containsKey(path) ? once.remove(path) : files.get(path);
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            String type =
                path.endsWith(".png")
                    ? "image/png"
                    : path.endsWith(".jpg") ? "image/jpeg" : "application/octet-stream";
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  /** Serves bytes at a path and returns the URL. */
  public String serve(String path, byte[] bytes) {
    files.put(path, bytes);
    return url(path);
  }

  /** Serves bytes at a path for one GET only; later GETs of it get a 404. */
  public String serveOnce(String path, byte[] bytes) {
    once.put(path, bytes);
    return url(path);
  }

  /**
   * From now on answers 200 to every POST, whatever the path, so that any of its URLs can stand in
   * for a webhook receiver. Without this a POST is answered like a GET.
   */
  public TestImages acceptingPosts() {
    acceptPosts = true;
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** A colourful gradient image of the given size in the given format ("png" or "jpg"). */
  public static byte[] image(int width, int height, String format, Color from, Color to) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, from, width, height, to));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.WHITE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A PNG of the given size with the orange-to-blue gradient. */
  public static byte[] png(int width, int height) {
    return image(width, height, "png", Color.ORANGE, Color.BLUE);
  }

  /** A JPEG of the given size with the orange-to-blue gradient. */
  public static byte[] jpg(int width, int height) {
    return image(width, height, "jpg", Color.ORANGE, Color.BLUE);
  }

  /** PNG bytes as a {@code data:image/png;base64,...} URI. */
  public static String pngDataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
