package io.reelgate.server.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reelgate.server.access.AuthThrottle;
import io.reelgate.server.access.AuthThrottleSettings;
import io.reelgate.server.config.ReelgateSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class AdminTokenFilterTest {
  static final String TOKEN = "s3cret-admin-token-0123456789abcdef";

  static AdminTokenFilter filter(String token) {
    return new AdminTokenFilter(
        new ReelgateSettings(Path.of("."), "", token, false, null, null, null, null, null),
        JsonMapper.builder().build(),
        new AuthThrottle(
            new AuthThrottleSettings(20, 20, Duration.ofMinutes(1)), new SimpleMeterRegistry()));
  }

  static MockHttpServletResponse call(AdminTokenFilter filter, String path, String auth)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setServletPath(path);
    if (auth != null) {
      request.addHeader("Authorization", auth);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }

  @Test
  void withoutAConfiguredTokenTheAdminApiDoesNotExist() throws Exception {
    MockHttpServletResponse r = call(filter(""), "/admin/v1/accounts", "Bearer ");
    // the error page answers it, as it answers any unknown path (ErrorShapesIT)
    assertThat(r.getStatus()).isEqualTo(404);
    assertThat(r.getErrorMessage()).isNull();
    assertThat(r.getContentAsString()).isEmpty();
    assertThat(call(filter("  "), "/admin/v1/channels", "Bearer x").getStatus()).isEqualTo(404);
  }

  @Test
  void onlyTheRightBearerTokenPasses() throws Exception {
    AdminTokenFilter f = filter(TOKEN);
    assertThat(call(f, "/admin/v1/accounts", "Bearer " + TOKEN).getStatus()).isEqualTo(200);
    assertThat(call(f, "/admin/v1/accounts", "bearer " + TOKEN).getStatus()).isEqualTo(200);
    MockHttpServletResponse wrong = call(f, "/admin/v1/accounts", "Bearer " + TOKEN + "x");
    assertThat(wrong.getStatus()).isEqualTo(401);
    assertThat(wrong.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(wrong.getContentAsString()).contains("\"error\":\"unauthorized\"");
    assertThat(call(f, "/admin/v1/accounts", null).getStatus()).isEqualTo(401);
    assertThat(call(f, "/admin/v1/accounts", TOKEN).getStatus()).isEqualTo(401);
    assertThat(call(f, "/admin/v1/accounts", "Bearer").getStatus()).isEqualTo(401);
  }

  @Test
  void everyAdminPathIsGuardedAndNoOtherPath() throws Exception {
    AdminTokenFilter f = filter(TOKEN);
    for (String path :
        new String[] {"/admin", "/admin/", "/admin/v1/channels/x", "//admin/v1", "/ADMIN/v1"}) {
      assertThat(call(f, path, null).getStatus()).as(path).isEqualTo(401);
    }
    for (String path : new String[] {"/api/v1/statusTask/sora-2", "/administrator", "/"}) {
      assertThat(call(f, path, null).getStatus()).as(path).isEqualTo(200);
    }
  }

  @Test
  void aShortOrMonotonousTokenStopsTheStart() {
    assertThatThrownBy(() -> filter("short-admin-token"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REELGATE_ADMIN_TOKEN")
        .hasMessageContaining("17 characters")
        .hasMessageContaining("at least 32");
    assertThatThrownBy(() -> filter("a".repeat(40)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 8 different");
    assertThat(filter("0123456789abcdef0123456789abcdef")).isNotNull();
  }
}
