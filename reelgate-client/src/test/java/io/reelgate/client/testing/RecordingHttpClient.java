package io.reelgate.client.testing;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** A JDK HTTP client that records every exchange it makes (method, URI, headers, status). */
public final class RecordingHttpClient extends HttpClient {
  /** One exchange. */
  public record Exchange(String method, String uri, String idempotencyKey, int status) {}

  private final HttpClient delegate =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private volatile Consumer<Exchange> onExchange = e -> {};

  public List<Exchange> exchanges() {
    return exchanges;
  }

  public void onExchange(Consumer<Exchange> listener) {
    this.onExchange = listener;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<T> answer = delegate.send(request, handler);
    Exchange e =
        new Exchange(
            request.method(),
            request.uri().toString(),
            request.headers().firstValue("Idempotency-Key").orElse(null),
            answer.statusCode());
    exchanges.add(e);
    onExchange.accept(e);
    return answer;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return delegate.sendAsync(request, handler, push);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
