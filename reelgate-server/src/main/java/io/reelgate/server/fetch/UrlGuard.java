package io.reelgate.server.fetch;

import io.reelgate.server.config.ReelgateSettings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides whether a user-supplied URL may be fetched or called: http(s) only, and unless the
 * operator allows private networks, no loopback, private, link-local, CGNAT, multicast,
 * unspecified, IPv4-mapped/translated or metadata addresses. The host is resolved once; the {@link
 * Target} it returns carries the checked addresses, and {@link GuardedHttp} connects to those only.
 */
@Component
public class UrlGuard {
  /** A canonical dotted quad: four decimal parts without leading zeros. */
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

  /** A last label that URL parsers read as a number: decimal, octal or 0x-hex. */
  private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)");

  /** The longest URL accepted; tasks store callback URLs in a column of this size. */
  public static final int MAX_URL_LENGTH = 2048;

  private final boolean allowPrivateNetworks;
  private final HostResolver resolver;
  private final Set<String> hostsTreatedAsPublic;

  @Autowired
  public UrlGuard(ReelgateSettings settings, HostResolver resolver) {
    this(settings.allowPrivateNetworks(), resolver, Set.of());
  }

  /**
   * @param hostsTreatedAsPublic names whose addresses are not checked; no setting maps to this, it
   *     exists so that tests can stand a local server in for a public host while private networks
   *     stay refused for everything else
   */
  public UrlGuard(
      boolean allowPrivateNetworks, HostResolver resolver, Set<String> hostsTreatedAsPublic) {
    this.allowPrivateNetworks = allowPrivateNetworks;
    this.resolver = resolver;
    this.hostsTreatedAsPublic = Set.copyOf(hostsTreatedAsPublic);
  }

  /** A checked URL and the addresses a connection to it may use. */
  public record Target(URI uri, String host, List<InetAddress> addresses) {}

  /**
   * Parses and checks a URL's form: absolute http(s) with a host written in a standard way.
   *
   * @throws ForbiddenAddressException when it is not
   */
  public URI checkForm(String url) {
    if (url == null) {
      throw new ForbiddenAddressException("is not a valid URL");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw new ForbiddenAddressException("is longer than " + MAX_URL_LENGTH + " characters");
    }
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
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      // why: an authority without a parsable host is e.g. 127.1 or 0x7f.0.0.1, which some clients
      // read as an IP address
      throw new ForbiddenAddressException(
          uri.getRawAuthority() == null
              ? "must name a host"
              : "has a host that is neither a valid name nor a standard IP address");
    }
    if (uri.getPort() > 65535) {
      throw new ForbiddenAddressException("has an invalid port");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (!host.startsWith("[")) {
      String last = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
      last = last.substring(last.lastIndexOf('.') + 1);
      if (NUMERIC_LABEL.matcher(last).matches() && !DOTTED_QUAD.matcher(host).matches()) {
        // why: 2130706433, 0x7f000001 or 0177.0.0.1 mean 127.0.0.1 to some resolvers and clients
        throw new ForbiddenAddressException(
            "writes its IP address in a non-standard form; use a dotted quad like 203.0.113.7");
      }
    }
    return uri;
  }

  /**
   * Checks the form and resolves the host once; every address it resolves to must be allowed.
   *
   * @return the URL with the addresses a connection may use
   * @throws ForbiddenAddressException when the URL is malformed, unresolvable or forbidden
   */
  public Target check(URI uri) {
    checkForm(uri.toString());
    String host = hostOf(uri);
    List<InetAddress> addresses;
    try {
      addresses = resolve(host);
    } catch (UnknownHostException e) {
      throw new ForbiddenAddressException("names host " + host + ", which cannot be resolved");
    }
    if (addresses.isEmpty()) {
      throw new ForbiddenAddressException("names host " + host + ", which cannot be resolved");
    }
    if (!allowPrivateNetworks && !hostsTreatedAsPublic.contains(host)) {
      for (InetAddress address : addresses) {
        if (isForbidden(address)) {
          throw new ForbiddenAddressException(
              "points at a private, loopback or link-local address ("
                  + address.getHostAddress()
                  + "), which is not allowed");
        }
      }
    }
    return new Target(uri, host, List.copyOf(addresses));
  }

  /** Parses, checks and resolves in one step. */
  public Target check(String url) {
    return check(checkForm(url));
  }

  /** The host of a URL as the connection layer names it: lower case, IPv6 without brackets. */
  static String hostOf(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host;
  }

  private List<InetAddress> resolve(String host) throws UnknownHostException {
    if (host.contains(":") || DOTTED_QUAD.matcher(host).matches()) {
      // an IP literal: parsed here, never sent to a resolver
      return List.of(InetAddress.getByName(host.contains(":") ? "[" + host + "]" : host));
    }
    return resolver.resolve(host);
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
          || first == 127 // loopback, all of it
          || (first == 100 && second >= 64 && second <= 127) // CGNAT
          || (first == 169 && second == 254) // link-local, cloud metadata
          || (first == 192 && second == 0 && (b[2] & 0xFF) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved, broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xFF;
      if ((first & 0xFE) == 0xFC) { // unique local fc00::/7
        return true;
      }
      if (first == 0xFE && (b[1] & 0xC0) == 0xC0) { // deprecated site-local fec0::/10
        return true;
      }
      boolean mappedOrCompatible = true;
      for (int i = 0; i < 10; i++) {
        mappedOrCompatible &= b[i] == 0;
      }
      boolean translated = true; // ::ffff:0:a.b.c.d
      for (int i = 0; i < 8; i++) {
        translated &= b[i] == 0;
      }
      translated &= b[8] == (byte) 0xFF && b[9] == (byte) 0xFF && b[10] == 0 && b[11] == 0;
      boolean nat64 = // 64:ff9b::/96 and the local-use 64:ff9b:1::/48
          b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xFF && b[3] == (byte) 0x9B;
      if (mappedOrCompatible || translated || nat64) {
        // why: these carry an IPv4 address in their last four bytes; refuse them all rather than
        // guess which side of a translator the address is on
        return true;
      }
      boolean sixToFour = first == 0x20 && b[1] == 0x02; // 2002::/16 embeds an IPv4 address
      if (sixToFour) {
        try {
          return isForbidden(InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
      return false;
    }
    return true;
  }
}
