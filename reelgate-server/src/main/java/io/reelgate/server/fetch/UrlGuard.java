package io.reelgate.server.fetch;

import io.reelgate.server.config.ReelgateSettings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Decides whether a user-supplied URL may be fetched or called: http(s) only, and unless the
 * operator allows private networks, no loopback, private, link-local, CGNAT, multicast, unspecified
 * or metadata addresses.
 */
@Component
public class UrlGuard {
  private final boolean allowPrivateNetworks;

  public UrlGuard(ReelgateSettings settings) {
    this.allowPrivateNetworks = settings.allowPrivateNetworks();
  }

  /**
   * Parses and checks a URL's form: absolute http(s) with a host.
   *
   * @throws ForbiddenAddressException when it is not
   */
  public URI checkForm(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (Exception e) {
      throw new ForbiddenAddressException("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ForbiddenAddressException("must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new ForbiddenAddressException("must name a host");
    }
    return uri;
  }

  /**
   * Checks the form and resolves the host; every address it resolves to must be allowed.
   *
   * @return the first allowed address, to connect to
   * @throws ForbiddenAddressException when the URL is malformed, unresolvable or forbidden
   */
  public InetAddress check(URI uri) {
    checkForm(uri.toString());
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new ForbiddenAddressException("host " + uri.getHost() + " cannot be resolved");
    }
    if (!allowPrivateNetworks) {
      for (InetAddress address : addresses) {
        if (isForbidden(address)) {
          throw new ForbiddenAddressException(
              "points at a private or loopback address, which is not allowed");
        }
      }
    }
    return addresses[0];
  }

  static boolean isForbidden(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xFF;
      int second = b[1] & 0xFF;
      return first == 0 // "this" network
          || (first == 100 && second >= 64 && second <= 127) // CGNAT
          || (first == 169 && second == 254) // link-local, cloud metadata
          || (first == 192 && second == 0 && (b[2] & 0xFF) == 0) // IETF protocol assignments
          || first >= 240; // reserved, broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xFF;
      if ((first & 0xFE) == 0xFC) { // unique local fc00::/7
        return true;
      }
      boolean mappedOrCompatible = true;
      for (int i = 0; i < 10; i++) {
        mappedOrCompatible &= b[i] == 0;
      }
      if (mappedOrCompatible) { // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address
        try {
          byte[] v4 = {b[12], b[13], b[14], b[15]};
          return isForbidden(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
          return true;
        }
      }
      return (first == 0x64 && b[1] == (byte) 0xFF && b[2] == (byte) 0x9B); // NAT64 64:ff9b::/96
    }
    return true;
  }
}
