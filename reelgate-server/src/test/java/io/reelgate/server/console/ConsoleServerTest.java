package io.reelgate.server.console;

import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The in-process server of the console tests: the embedded default with the admin API on. */
abstract class ConsoleServerTest extends ServerTest {
  static final String ADMIN_TOKEN = "console-admin-token-0123456789abcdefghijklmnop";

  @DynamicPropertySource
  static void adminToken(DynamicPropertyRegistry registry) {
    registry.add("reelgate.admin-token", () -> ADMIN_TOKEN);
  }

  Http.Response asKey(String key, String method, String path) {
    return Http.send(method, base() + path, null, "Authorization", "Bearer " + key);
  }

  Http.Response asAdmin(String method, String path) {
    return asKey(ADMIN_TOKEN, method, path);
  }
}
