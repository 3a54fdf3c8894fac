package io.reelgate.server.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The gateway resolves a user-supplied host exactly once, through
 * this, checks every answer and then connects only to those addresses, so a second DNS answer (DNS
 * rebinding) can never steer a connection elsewhere. Tests substitute their own to give
 * public-looking names a local address.
 */
@FunctionalInterface
public interface HostResolver {
  /** The operating system's resolver. */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /**
   * @param host a host name, never an IP literal
   * @return at least one address
   * @throws UnknownHostException when the name does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
