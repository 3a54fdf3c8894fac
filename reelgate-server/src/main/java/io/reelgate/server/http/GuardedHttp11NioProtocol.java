package io.reelgate.server.http;

import java.util.Set;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketWrapperBase;

/** Tomcat's NIO HTTP/1.1 protocol with its open connections visible to {@link SlowClients}. */
public class GuardedHttp11NioProtocol extends Http11NioProtocol {
  /** The connections open now. */
  Set<? extends SocketWrapperBase<?>> connections() {
    return getEndpoint().getConnections();
  }
}
