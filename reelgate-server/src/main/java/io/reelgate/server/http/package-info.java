/**
 * The HTTP server's own limits against slow or hoarding clients: a bounded number of connections,
 * an overall deadline for a request's line and headers, and one for its body (settings {@code
 * reelgate.http.*} and {@code server.tomcat.*}).
 */
package io.reelgate.server.http;
