package io.reelgate.server.http;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.connector.RequestFacade;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.ActionCode;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@link HttpLimits}. A watchdog looks at every open connection a few times per deadline
 * and closes those whose request has been sending its line and headers (or the rest of a body being
 * drained after the answer) for longer than the deadline; as a filter, it makes a body read fail
 * once the body deadline has passed and closes the connection after that answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@EnableConfigurationProperties(HttpLimits.class)
public class SlowClients extends OncePerRequestFilter
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
  private static final Logger log = LoggerFactory.getLogger(SlowClients.class);

  private final HttpLimits limits;
  private final List<GuardedHttp11NioProtocol> protocols = new CopyOnWriteArrayList<>();
  private final AtomicLong closed = new AtomicLong();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("slow-clients").factory());

  public SlowClients(HttpLimits limits) {
    this.limits = limits;
    long period =
        Math.clamp(
            Math.min(limits.headerDeadline().toMillis(), limits.bodyDeadline().toMillis()) / 4,
            100,
            1000);
    watchdog.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.setProtocol(GuardedHttp11NioProtocol.class.getName());
    factory.addConnectorCustomizers(
        connector -> {
          if (connector.getProtocolHandler() instanceof GuardedHttp11NioProtocol guarded) {
            protocols.add(guarded);
          }
        });
  }

  /** How many connections were closed for being too slow. */
  public long closedConnections() {
    return closed.get();
  }

  void sweep() {
    long now = System.nanoTime();
    for (GuardedHttp11NioProtocol protocol : protocols) {
      try {
        for (SocketWrapperBase<?> connection : protocol.connections()) {
          if (tooSlow(connection, now)) {
            connection.close();
            if (closed.incrementAndGet() % 100 == 1) {
              log.info(
                  "Closed a connection that sent its request too slowly ({} so far)", closed.get());
            }
          }
        }
      } catch (RuntimeException e) {
        // why: a connection that changes while it is looked at is looked at again next time
        log.debug("slow-client sweep: {}", e.toString());
      }
    }
  }

  /**
   * A connection waits for the rest of a request's line or headers when a processor is parked on
   * it, not asynchronous (an event stream), with a request that has started: Tomcat parks it so,
   * with its stage set to ended, until more bytes arrive.
   */
  private boolean tooSlow(SocketWrapperBase<?> connection, long now) {
    if (!(connection.getCurrentProcessor() instanceof AbstractProcessor processor)
        || processor.isAsync()
        || processor.isUpgrade()) {
      return false;
    }
    Request request = processor.getRequest();
    int stage = request.getRequestProcessor().getStage();
    if (stage != Constants.STAGE_PARSE && stage != Constants.STAGE_ENDED) {
      return false;
    }
    long started = request.getStartTimeNanos();
    return started > 0 && now - started > limits.headerDeadline().toNanos();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() == 0) {
      chain.doFilter(request, response);
      return;
    }
    Deadline body = new Deadline(request, System.nanoTime() + limits.bodyDeadline().toNanos());
    try {
      chain.doFilter(body, response);
    } finally {
      if (body.passed) {
        // why: the rest of a body that came too slowly is not waited for (Tomcat would read it
        // before answering); the answer closes the connection
        dropRestOfBody(request);
      }
    }
  }

  private static void dropRestOfBody(HttpServletRequest request) {
    try {
      java.lang.reflect.Field inner = RequestFacade.class.getDeclaredField("request");
      inner.setAccessible(true);
      if (request instanceof RequestFacade facade
          && inner.get(facade) instanceof org.apache.catalina.connector.Request catalina) {
        catalina.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("could not drop the rest of a slow body: {}", e.toString());
    }
  }

  @PreDestroy
  void stop() {
    watchdog.shutdownNow();
  }

  /** A request whose body reads fail once the deadline has passed. */
  private static final class Deadline extends HttpServletRequestWrapper {
    private final long deadline;
    private volatile boolean passed;
    private ServletInputStream stream;

    Deadline(HttpServletRequest request, long deadline) {
      super(request);
      this.deadline = deadline;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              @Override
              public int read() throws IOException {
                check();
                int b = in.read();
                check();
                return b;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                check();
                int n = in.read(b, off, len);
                check();
                return n;
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }

    private void check() throws IOException {
      if (System.nanoTime() - deadline > 0) {
        passed = true;
        throw new IOException("the request body did not arrive within the deadline");
      }
    }
  }
}
