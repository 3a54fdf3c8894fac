package io.reelgate.providers.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A streamed answer whose (first) bytes have been read, so it can be read as an error. */
record BytesResponse(HttpResponse<?> original, byte[] body) implements HttpResponse<byte[]> {
  @Override
  public int statusCode() {
    return original.statusCode();
  }

  @Override
  public HttpRequest request() {
    return original.request();
  }

  @Override
  public Optional<HttpResponse<byte[]>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return original.headers();
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return original.sslSession();
  }

  @Override
  public URI uri() {
    return original.uri();
  }

  @Override
  public HttpClient.Version version() {
    return original.version();
  }
}
