package io.reelgate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses and URL forms the guard refuses, without any network. */
class UrlGuardTest {
  private final UrlGuard guard = new UrlGuard(false, HostileTargets.resolver(), Set.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.255.255.254",
        "0.0.0.0",
        "0.1.2.3",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.255",
        "192.0.0.8",
        "198.18.0.1",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "::1",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "fec0::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::127.0.0.1",
        "::ffff:0:127.0.0.1",
        "64:ff9b::7f00:1",
        "64:ff9b::808:808",
        "2002:7f00:1::1",
        "2002:a00:1::1"
      })
  void refuses(String address) throws Exception {
    assertThat(UrlGuard.isForbidden(InetAddress.getByName(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "203.0.113.7",
        "172.32.0.1",
        "100.128.0.1",
        "2001:4860:4860::8888",
        "2606:4700::1111",
        "2002:808:808::1"
      })
  void allowsPublicAddresses(String address) throws Exception {
    assertThat(UrlGuard.isForbidden(InetAddress.getByName(address))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/",
        "http://127.0.1/", "http://0x7f.0.0.1/", "http://1.2.3.04/", "http://example.0x10/"
      })
  void refusesNumericHostsInOddNotations(String url) {
    assertThatThrownBy(() -> guard.checkForm(url))
        .isInstanceOf(ForbiddenAddressException.class)
        .message()
        .satisfiesAnyOf(
            m -> assertThat(m).startsWith("writes its IP address in a non-standard form"),
            m ->
                assertThat(m)
                    .isEqualTo(
                        "has a host that is neither a valid name nor a standard IP address"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "gopher://x/",
        "ftp://x/",
        "javascript:alert(1)",
        "//x/",
        "data:text/plain,hi",
        "http:///nohost"
      })
  void refusesOtherSchemesAndHostlessUrls(String url) {
    assertThatThrownBy(() -> guard.checkForm(url)).isInstanceOf(ForbiddenAddressException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://203.0.113.7/a.png", "https://8.8.8.8:8443/x", "http://[2001:db8::1]/"})
  void acceptsLiteralPublicAddresses(String url) {
    assertThat(guard.check(url).addresses()).hasSize(1);
  }
}
