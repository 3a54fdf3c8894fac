package io.reelgate.server.fetch;

import io.reelgate.server.fetch.UrlGuard.Target;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for URLs that users supply (input images, callbacks). Every hop goes through
 * the {@link UrlGuard}; the host is resolved once and the connection goes to the checked addresses
 * only (the client's DNS lookup answers from the checked set and refuses any other name), while the
 * Host header, SNI and certificate checks keep the original name. Redirects are followed by hand,
 * each checked again, at most {@value #MAX_REDIRECTS}; connecting and the whole exchange have time
 * limits; the body is handed over as a stream, and whatever the reader leaves unread is abandoned
 * with the connection rather than drained. A GET's connections end with its exchange; a POST's
 * connection is kept for the next POST checked to the same addresses when its answer's body is
 * short ({@link PinnedClients}, ADR 0017).
 */
@Component
public class GuardedHttp implements DisposableBean {
  public static final int MAX_REDIRECTS = 3;

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  /** JSON is UTF-8 by definition; the type goes out without a charset parameter, as before. */
  private static final ContentType JSON = ContentType.create("application/json");

  /** The most of a POST's answer body read so that its connection can be used again. */
  static final int MAX_DRAINED = 8192;

  private final UrlGuard guard;
  private final PinnedClients clients = new PinnedClients(TIMER);

  public GuardedHttp(UrlGuard guard) {
    this.guard = guard;
  }

  /** How long connecting may take, and the whole exchange including reading the body. */
  public record Limits(Duration connectTimeout, Duration totalTimeout) {}

  /** The final answer's status line and headers. */
  public record Answer(URI url, int status, long contentLength, Map<String, String> headers) {
    /** A header's first value (names are case-insensitive). */
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /** Reads an answer's body; what it does not read is abandoned. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(Answer answer, InputStream body) throws IOException;
  }

  /**
   * GETs a URL, following up to three redirects (each checked again), and hands the final answer to
   * {@code reader}.
   *
   * @throws ForbiddenAddressException when a hop's URL is malformed or points at a refused address
   * @throws FetchFailedException when no usable answer came (unreachable, too slow, bad redirects)
   */
  public <T> T get(String url, Map<String, String> headers, Limits limits, BodyReader<T> reader) {
    return exchange("GET", url, headers, null, limits, true, reader);
  }

  /**
   * POSTs a JSON body to a URL. Redirects are not followed (a 3xx is the answer); of the answer's
   * body at most {@value #MAX_DRAINED} bytes are read, only so that the connection can be kept when
   * that was all of it, and any failure reading it is ignored.
   *
   * @throws ForbiddenAddressException when the URL is malformed or points at a refused address
   * @throws FetchFailedException when no answer came
   */
  public Answer postJson(String url, Map<String, String> headers, byte[] json, Limits limits) {
    return exchange("POST", url, headers, json, limits, false, GuardedHttp::drained);
  }

  /** Reads a body to its end if that comes within {@value #MAX_DRAINED} bytes. */
  private static Answer drained(Answer answer, InputStream body) {
    byte[] scratch = new byte[1024];
    try {
      // why: reading the end makes the client hand the connection back to its pool
      for (long read = 0; read <= MAX_DRAINED; ) {
        int n = body.read(scratch);
        if (n < 0) {
          break;
        }
        read += n;
      }
    } catch (IOException brokeOff) {
      // why: the status line is the answer; the connection is dropped
    }
    return answer;
  }

  private <T> T exchange(
      String method,
      String url,
      Map<String, String> headers,
      byte[] json,
      Limits limits,
      boolean followRedirects,
      BodyReader<T> reader) {
    URI current = guard.checkForm(url);
    Map<String, List<InetAddress>> pinned = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
    // why: only a POST, which never follows redirects, keeps its connection (ADR 0017)
    boolean keep = !followRedirects;
    try (CloseableHttpClient own = keep ? null : PinnedClients.forOneExchange(pinned, limits)) {
      for (int hop = 0; ; hop++) {
        Target target = guard.check(current);
        pinned.put(target.host(), target.addresses());
        CloseableHttpClient client = keep ? clients.shared(target, limits) : own;
        HttpUriRequestBase request = new HttpUriRequestBase(method, current);
        headers.forEach(request::setHeader);
        if (json != null) {
          request.setEntity(new ByteArrayEntity(json, JSON));
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timer =
            TIMER.schedule(
                () -> {
                  timedOut.set(true);
                  request.cancel();
                },
                Math.max(1, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        try {
          ClassicHttpResponse response;
          try {
            response = client.executeOpen(null, request, null);
          } catch (IOException e) {
            throw failure(e, timedOut.get(), limits);
          }
          try {
            int status = response.getCode();
            if (followRedirects && status >= 300 && status < 400 && status != 304) {
              current = nextHop(current, response.getFirstHeader("Location"), hop);
              continue;
            }
            HttpEntity entity = response.getEntity();
            Answer answer =
                new Answer(
                    current,
                    status,
                    entity == null ? 0 : entity.getContentLength(),
                    headersOf(response));
            InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
            try {
              return reader.read(answer, new UncloseableStream(body));
            } catch (IOException e) {
              throw timedOut.get()
                  ? new FetchFailedException(
                      "did not finish within " + limits.totalTimeout().toSeconds() + " s")
                  : new FetchFailedException("broke off while sending its answer");
            }
          } catch (IOException e) {
            throw new FetchFailedException("broke off while sending its answer");
          } finally {
            // why: cancelling before closing makes the close drop the connection; a plain close
            // would read the rest of a body with a declared length to keep the connection. A body
            // read to its end has already handed its connection back, which this leaves alone.
            request.cancel();
            closeQuietly(response);
          }
        } finally {
          timer.cancel(false);
        }
      }
    } catch (IOException closing) {
      throw new FetchFailedException("broke off while sending its answer");
    }
  }

  private URI nextHop(URI current, Header location, int hop) {
    if (location == null || location.getValue().isBlank()) {
      throw new FetchFailedException("redirects without saying where to");
    }
    if (hop >= MAX_REDIRECTS) {
      throw new FetchFailedException("redirects more than " + MAX_REDIRECTS + " times");
    }
    URI next;
    try {
      next = current.resolve(location.getValue().trim());
    } catch (IllegalArgumentException e) {
      throw new FetchFailedException("redirects to an invalid URL");
    }
    return guard.checkForm(next.toString());
  }

  private static FetchFailedException failure(IOException e, boolean timedOut, Limits limits) {
    if (timedOut) {
      return new FetchFailedException(
          "did not answer within " + limits.totalTimeout().toSeconds() + " s");
    }
    if (e instanceof java.net.SocketTimeoutException
        || e instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
      return new FetchFailedException("is unreachable: the connection timed out");
    }
    if (e instanceof java.net.ConnectException
        || e instanceof org.apache.hc.client5.http.HttpHostConnectException) {
      return new FetchFailedException("is unreachable: the connection was refused");
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return new FetchFailedException("is unreachable: the TLS handshake failed");
    }
    return new FetchFailedException("is unreachable");
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException | RuntimeException e) {
      // the connection is gone either way
    }
  }

  private static Map<String, String> headersOf(ClassicHttpResponse response) {
    Map<String, String> out = new java.util.HashMap<>();
    for (Header h : response.getHeaders()) {
      out.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
    }
    return out;
  }

  @Override
  public void destroy() {
    clients.close();
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "guarded-http-deadline");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * Keeps readers from closing the body themselves: the client would read the rest of it to reuse
   * the connection. The exchange cancels and closes instead.
   */
  private static final class UncloseableStream extends FilterInputStream {
    UncloseableStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
