package io.reelgate.server.support;

import io.reelgate.server.ReelgateApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole server started in the test's JVM on a free port with the given properties, for tests that
 * need more than one server (two nodes on one database) or a server they stop themselves.
 */
public final class InProcessServer implements AutoCloseable {
  private final ConfigurableApplicationContext context;

  private InProcessServer(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts a server with these properties (port 0: a free one). They are given as command-line
   * arguments, so they win over {@code application.yml} as environment variables would.
   */
  public static InProcessServer start(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.putIfAbsent("server.port", "0");
    String[] args =
        all.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new InProcessServer(new SpringApplicationBuilder(ReelgateApplication.class).run(args));
  }

  public String base() {
    return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
