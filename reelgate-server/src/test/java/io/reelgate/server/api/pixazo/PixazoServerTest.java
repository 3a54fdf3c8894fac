package io.reelgate.server.api.pixazo;

import io.reelgate.server.support.ServerTest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The whole server in-process on a random port, on the embedded default (H2 file and results in a
 * fresh data directory), with loopback URLs allowed so that the test image server on 127.0.0.1 can
 * be used. Both Pixazo ITs share this one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PixazoServerTest.Exchanges.class)
abstract class PixazoServerTest {
  static final String API_KEY = "rg_pixazo_it_0123456789abcdefghij";
  private static final Path DATA_DIR = ServerTest.tempDataDir("reelgate-pixazo-it");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServerTest.embeddedServer(registry, DATA_DIR, API_KEY);
  }

  String base() {
    return "http://localhost:" + port;
  }

  /** One answered HTTP exchange, as the server saw it. */
  record Exchange(String method, String path, int status, String userAgent) {}

  /**
   * Records every exchange the server answers, so that a test can check the status code a client
   * process received even when the client's own code prints only the body.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class Exchanges {
    static final Queue<Exchange> SEEN = new ConcurrentLinkedQueue<>();

    static List<Exchange> seen() {
      return List.copyOf(SEEN);
    }

    @Bean
    OncePerRequestFilter exchangeRecorder() {
      return new OncePerRequestFilter() {
        @Override
        protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
          try {
            chain.doFilter(request, response);
          } finally {
            String agent = request.getHeader("User-Agent");
            SEEN.add(
                new Exchange(
                    request.getMethod(),
                    request.getRequestURI(),
                    response.getStatus(),
                    agent == null ? "" : agent));
          }
        }
      };
    }
  }
}
