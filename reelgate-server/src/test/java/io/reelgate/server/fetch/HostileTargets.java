package io.reelgate.server.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * The URLs a guarded fetch must refuse without connecting, and a resolver that gives the test's
 * made-up names their addresses (no DNS server is needed, and none is asked).
 */
public final class HostileTargets {
  /** A public-looking name that resolves to 127.0.0.1. */
  public static final String REBINDING_HOST = "rebind.example.test";

  /** A public-looking name the tests' guard treats as public although it resolves to loopback. */
  public static final String PUBLIC_HOST = "cdn.example.test";

  private HostileTargets() {}

  /** Names to addresses; anything else goes to the system resolver. */
  public static HostResolver resolver() {
    Map<String, String> names = Map.of(REBINDING_HOST, "127.0.0.1", PUBLIC_HOST, "127.0.0.1");
    return host -> {
      String address = names.get(host);
      if (address == null) {
        return HostResolver.SYSTEM.resolve(host);
      }
      try {
        return List.of(InetAddress.getByName(address));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /**
   * The table, pointed at {@code port} wherever a port can be given.
   *
   * @param redirectUrl a URL on {@link #PUBLIC_HOST} that redirects to loopback
   */
  public static List<String> urls(int port, String redirectUrl) {
    return List.of(
        "http://127.0.0.1:" + port + "/image.png",
        "http://localhost:" + port + "/image.png",
        "http://[::1]:" + port + "/image.png",
        "http://2130706433:" + port + "/image.png",
        "http://0x7f000001:" + port + "/image.png",
        "http://[::ffff:127.0.0.1]:" + port + "/image.png",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://10.0.0.1:" + port + "/image.png",
        "http://192.168.1.1:" + port + "/image.png",
        "http://" + REBINDING_HOST + ":" + port + "/image.png",
        redirectUrl,
        "file:///etc/passwd",
        "gopher://127.0.0.1:" + port + "/_GET",
        "ftp://127.0.0.1:" + port + "/image.png",
        "http://0177.0.0.1:" + port + "/image.png",
        "http://127.1:" + port + "/image.png",
        "http://[fd00::1]:" + port + "/image.png",
        "http://100.64.0.1:" + port + "/image.png",
        "http://0.0.0.0:" + port + "/image.png");
  }
}
