package io.reelgate.server.api.pixazo;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.imageio.ImageIO;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP, test images, MP4 inspection and status polling for the Pixazo ITs. */
final class PixazoKit {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PixazoKit() {}

  record Response(int status, byte[] body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Response send(String method, String url, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  /**
   * Polls the status URL until the task is terminal, checking on every read that the answer is
   * well-formed for its status and that the status never goes back.
   *
   * @return the terminal status object
   */
  static JsonNode awaitTerminal(String statusUrl, String key, Duration timeout) {
    List<String> order = List.of("QUEUED", "PROCESSING", "COMPLETED");
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> seen = new ArrayList<>();
    while (true) {
      Response r = send("GET", statusUrl, null, KEY_HEADER, key);
      assertThat(r.status()).as("status read %s: %s", statusUrl, r.text()).isEqualTo(200);
      JsonNode s = r.json();
      String status = s.get("status").stringValue();
      if (seen.isEmpty() || !seen.getLast().equals(status)) {
        seen.add(status);
      }
      switch (status) {
        case "QUEUED", "PROCESSING" -> {
          assertThat(s.get("output").isNull()).as("output while %s", status).isTrue();
          assertThat(s.get("completed_at").isNull()).as("completed_at while %s", status).isTrue();
          assertThat(s.get("error").isNull()).isTrue();
        }
        case "COMPLETED", "FAILED", "ERROR" -> {
          for (int i = 1; i < seen.size(); i++) {
            int before = order.indexOf(seen.get(i - 1));
            int after = order.indexOf(seen.get(i));
            assertThat(after < 0 || after > before).as("statuses went %s", seen).isTrue();
          }
          return s;
        }
        default -> throw new AssertionError("unknown status " + status + " in " + s);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not finished in " + timeout + "; statuses seen " + seen);
      }
      sleep(250);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the tests check of a video: frame size, duration and codec of its first video track. */
  record Mp4(int width, int height, double seconds, String codec) {
    static Mp4 of(byte[] file) {
      try {
        MP4Demuxer demuxer =
            MP4Demuxer.createMP4Demuxer(
                ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(file)));
        DemuxerTrackMeta meta = demuxer.getVideoTrack().getMeta();
        return new Mp4(
            meta.getVideoCodecMeta().getSize().getWidth(),
            meta.getVideoCodecMeta().getSize().getHeight(),
            meta.getTotalDuration(),
            String.valueOf(meta.getCodec()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Downloads {@code url} and checks that it is an H.264 MP4 of the given size and length. */
  static Mp4 assertVideo(String url, int width, int height, int seconds) {
    Response video = send("GET", url, null);
    assertThat(video.status()).as("download %s", url).isEqualTo(200);
    assertThat(new String(video.body(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    Mp4 mp4 = Mp4.of(video.body());
    assertThat(mp4.width()).as("width of %s", mp4).isEqualTo(width);
    assertThat(mp4.height()).as("height of %s", mp4).isEqualTo(height);
    assertThat(mp4.seconds()).as("duration of %s", mp4).isBetween(seconds - 0.1, seconds + 0.1);
    assertThat(mp4.codec()).isEqualTo("H264");
    return mp4;
  }

  /** A PNG of exactly {@code width}×{@code height}. */
  static byte[] png(int width, int height) {
    return image(width, height, "png");
  }

  /** A JPEG of exactly {@code width}×{@code height}. */
  static byte[] jpeg(int width, int height) {
    return image(width, height, "jpeg");
  }

  private static byte[] image(int width, int height, String format) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.WHITE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  /**
   * A loopback HTTP server: serves registered files on GET and answers 200 to any POST (a stand-in
   * webhook receiver that records what it was sent).
   */
  static final class Files implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> once = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> posts = new ConcurrentLinkedQueue<>();

    Files() {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/",
          exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
              posts.add(path + " " + new String(exchange.getRequestBody().readAllBytes()));
              exchange.sendResponseHeaders(200, -1);
            } else {
              byte[] body = once.containsKey(path) ? once.remove(path) : files.get(path);
              if (body == null) {
                exchange.sendResponseHeaders(404, -1);
              } else {
                exchange
                    .getResponseHeaders()
                    .set("Content-Type", path.endsWith(".png") ? "image/png" : "image/jpeg");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
              }
            }
            exchange.close();
          });
      server.start();
    }

    String serve(String path, byte[] bytes) {
      files.put(path, bytes);
      return url(path);
    }

    /** Serves bytes at a path for one GET only; later GETs of it get a 404. */
    String serveOnce(String path, byte[] bytes) {
      once.put(path, bytes);
      return url(path);
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
