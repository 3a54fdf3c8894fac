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

  /** Starts a server with these properties on top of the defaults (port 0: a free one). */
  public static InProcessServer start(Map<String, String> properties) {
    Map<String, Object> all = new HashMap<>(properties);
    all.putIfAbsent("server.port", "0");
    return new InProcessServer(
        new SpringApplicationBuilder(ReelgateApplication.class).properties(all).run());
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
