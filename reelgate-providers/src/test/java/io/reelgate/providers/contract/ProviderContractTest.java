package io.reelgate.providers.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.Submission;
import io.reelgate.providers.VideoProvider;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every HTTP adapter shares, run against a WireMock stub of the upstream's documented
 * protocol. A subclass says how its upstream answers each situation (the stub side); this class
 * checks what the adapter makes of it: the job id, the wait hints, the video bytes, and for every
 * kind of failure the category, failure code, retryability and whether a job may exist.
 */
public abstract class ProviderContractTest {
  /** The bytes the stub serves as the finished video. */
  protected static final byte[] VIDEO =
      "\0\0\0\u0018ftypmp42-stub-video".getBytes(StandardCharsets.ISO_8859_1);

  /** The time the runtime's clock is fixed at. */
  protected static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  /**
   * The channel's time limit per call: generous enough for a first call on a busy build machine.
   */
  protected static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The time limit of the scenarios that must time out, so that they do not wait the generous one
   * out; their stubs wait {@link #STUB_DELAY_MILLIS}, well beyond it.
   */
  protected static final Duration SHORT_TIMEOUT = Duration.ofMillis(600);

  /** How long a stub that should time out waits before answering. */
  protected static final int STUB_DELAY_MILLIS = 3_000;

  private Duration requestTimeout = REQUEST_TIMEOUT;

  /** The time limit the channel settings of this scenario carry. */
  protected Duration requestTimeout() {
    return requestTimeout;
  }

  @RegisterExtension
  protected static final WireMockExtension upstream =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir protected Path work;

  /** The protocol under test. */
  protected abstract String protocol();

  /** Options the protocol needs besides base URL and key. */
  protected Map<String, String> options() {
    return Map.of();
  }

  /** The upstream model id the channel maps the public model to. */
  protected String upstreamModel() {
    return "upstream-model-1";
  }

  /** The stub accepts a new job and names it {@code jobId}. */
  protected abstract void stubSubmitAccepted(String jobId);

  /** The stub answers the submit call with {@code answer}. */
  protected abstract void stubSubmitAnswer(ResponseDefinitionBuilder answer);

  /** The stub says the job is queued or running. */
  protected abstract void stubPollRunning(String jobId);

  /** The stub says the job finished; its video (served by the stub) has the given bytes. */
  protected abstract void stubPollSucceeded(String jobId, byte[] video);

  /** The stub says the job was stopped by the upstream's content filter. */
  protected abstract void stubPollContentFiltered(String jobId);

  /** The stub answers the status call with {@code answer}. */
  protected abstract void stubPollAnswer(String jobId, ResponseDefinitionBuilder answer);

  /** Checks the request the adapter sent on submit: credentials, model, prompt. */
  protected abstract void verifySubmitRequest();

  /** The body of an error answer in the upstream's documented shape. */
  protected String errorBody(int status) {
    return "{\"error\":{\"code\":" + status + ",\"message\":\"stubbed failure " + status + "\"}}";
  }

  /** The channel settings pointing at the stub. */
  protected ChannelSettings settings(URI baseUrl) {
    return new ChannelSettings(
        "test-" + protocol(),
        protocol(),
        baseUrl,
        "test-key-123",
        options(),
        requestTimeout(),
        null,
        null);
  }

  /** The runtime: a plain client (redirects are the adapter's business) and a fixed clock. */
  protected ProviderRuntime runtime() {
    return new ProviderRuntime(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  protected VideoProvider provider() {
    return provider(URI.create(upstream.baseUrl()));
  }

  protected VideoProvider provider(URI baseUrl) {
    return factory().create(settings(baseUrl), runtime());
  }

  protected ProviderFactory factory() {
    return ServiceLoader.load(ProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.protocol().equals(protocol()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ProviderFactory registered for " + protocol()));
  }

  /** A text-to-video job; subclasses may return another kind their upstream needs. */
  protected ProviderJob job() {
    GenerationRequest request =
        new GenerationRequest(
            "veo-3-1",
            GenerationKind.TEXT_TO_VIDEO,
            "a lighthouse at dawn, waves rolling in",
            8,
            OutputSize.of(1280, 720),
            List.of(),
            "quality",
            Routing.AUTO,
            42L,
            Map.of());
    return new ProviderJob(
        "task_contract1", request, OutputSize.of(1280, 720), List.of(), upstreamModel(), work);
  }

  /**
   * One request before the scenarios, so that the first one is not slowed by the stub server's and
   * the client's start-up and runs into the time limit on a loaded machine.
   */
  @BeforeAll
  static void warmUp() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    client.send(
        HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/__admin/health")).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void theFactoryIsRegisteredUnderItsProtocol() {
    assertThat(factory().protocol()).isEqualTo(protocol());
    assertThat(provider().protocol()).isEqualTo(protocol());
  }

  @Test
  void submitSendsTheJobAndReturnsTheUpstreamId() {
    stubSubmitAccepted("job-123");
    Submission submission = provider().submit(job());
    assertThat(submission).isInstanceOf(Submission.Accepted.class);
    Submission.Accepted accepted = (Submission.Accepted) submission;
    assertThat(accepted.upstreamJobId()).isEqualTo("job-123");
    assertThat(accepted.pollAfter()).isPositive();
    verifySubmitRequest();
  }

  @Test
  void aQueuedOrRunningJobIsAskedAgainLater() {
    stubPollRunning("job-123");
    PollResult result = provider().poll(job(), "job-123");
    assertThat(result).isInstanceOf(PollResult.Running.class);
    assertThat(((PollResult.Running) result).pollAfter()).isPositive();
  }

  /** Whether {@link #stubPollRunning}'s answer carries the upstream's own wait hint. */
  protected boolean runningStubGivesAWaitHint() {
    return false;
  }

  @Test
  void thePollIntervalOptionIsTheWaitWhenTheUpstreamGivesNoHint() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        runningStubGivesAWaitHint(), "this upstream's running answer says when to ask again");
    stubPollRunning("job-123");
    ChannelSettings base = settings(URI.create(upstream.baseUrl()));
    Map<String, String> options = new java.util.HashMap<>(base.options());
    options.put("poll-interval", "1234ms");
    ChannelSettings withInterval =
        new ChannelSettings(
            base.id(),
            base.protocol(),
            base.baseUrl(),
            base.apiKey(),
            options,
            base.requestTimeout(),
            base.webhookUrl(),
            base.webhookSecret());
    PollResult result = factory().create(withInterval, runtime()).poll(job(), "job-123");
    assertThat(result).isInstanceOf(PollResult.Running.class);
    assertThat(((PollResult.Running) result).pollAfter()).isEqualTo(Duration.ofMillis(1234));
  }

  @Test
  void aFinishedJobsVideoIsDownloaded() throws Exception {
    stubPollSucceeded("job-123", VIDEO);
    VideoProvider provider = provider();
    PollResult result = provider.poll(job(), "job-123");
    assertThat(result).isInstanceOf(PollResult.Succeeded.class);
    PollResult.Succeeded done = (PollResult.Succeeded) result;
    Path target = work.resolve("downloaded.mp4");
    if (done.media().file() != null) {
      Files.copy(done.media().file(), target);
    } else {
      provider.download(job(), done.media(), target);
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
  }

  @Test
  void aContentFilteredJobFailsWithContentViolationAndIsNotRetried() {
    stubPollContentFiltered("job-123");
    PollResult result = provider().poll(job(), "job-123");
    assertThat(result).isInstanceOf(PollResult.Failed.class);
    ProviderException error = ((PollResult.Failed) result).error();
    assertThat(error.category()).isEqualTo(FailureCategory.CONTENT_REJECTED);
    assertThat(error.code()).isEqualTo(FailureCode.CONTENT_VIOLATION);
    assertThat(error.isRetryable()).isFalse();
  }

  @ParameterizedTest(name = "submit answered HTTP {0}")
  @ValueSource(ints = {400, 401, 403, 422, 429, 500, 502, 503})
  void submitErrorsMapToACategoryAndARetryDecision(int status) {
    ResponseDefinitionBuilder answer =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(errorBody(status));
    if (status == 429) {
      answer = answer.withHeader("Retry-After", "7");
    }
    stubSubmitAnswer(answer);
    ProviderException e = submitFailure();
    assertThat(e.jobMayExist()).as("a refused submit created no job").isFalse();
    switch (status) {
      case 401, 403 -> {
        assertThat(e.category()).isEqualTo(FailureCategory.AUTH);
        assertThat(e.isRetryable()).isFalse();
      }
      case 429 -> {
        assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMITED);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
      }
      case 500, 502, 503 -> {
        assertThat(e.category()).isEqualTo(FailureCategory.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
      }
      default -> {
        assertThat(e.category()).isIn(FailureCategory.BAD_INPUT, FailureCategory.CONTENT_REJECTED);
        assertThat(e.isRetryable()).isFalse();
      }
    }
    assertThat(e.code()).isNotNull();
  }

  @Test
  void aSubmitThatTimesOutIsRetryableAndMayHaveCreatedAJob() {
    requestTimeout = SHORT_TIMEOUT;
    stubSubmitAnswer(aResponse().withStatus(200).withFixedDelay(STUB_DELAY_MILLIS).withBody("{}"));
    ProviderException e = submitFailure();
    assertThat(e.category()).isEqualTo(FailureCategory.UNAVAILABLE);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.jobMayExist()).isTrue();
  }

  @Test
  void aMalformedSubmitAnswerIsRetryableAndMayHaveCreatedAJob() {
    stubSubmitAnswer(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"id\": \"job-1\", truncated"));
    ProviderException e = submitFailure();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.jobMayExist()).isTrue();
  }

  @Test
  void anUnreachableUpstreamIsRetryableAndCreatedNoJob() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    VideoProvider provider = provider(URI.create("http://127.0.0.1:" + closedPort));
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider.submit(job()));
    assertThat(e).as("submit to a closed port fails").isNotNull();
    assertThat(e.category()).isEqualTo(FailureCategory.UNAVAILABLE);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.jobMayExist()).isFalse();
  }

  @ParameterizedTest(name = "status call answered HTTP {0}")
  @ValueSource(ints = {429, 500, 503})
  void transientStatusErrorsAreRetryable(int status) {
    ResponseDefinitionBuilder answer =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(errorBody(status));
    if (status == 429) {
      answer = answer.withHeader("Retry-After", "3");
    }
    stubPollAnswer("job-123", answer);
    ProviderException e = pollFailure();
    assertThat(e.isRetryable()).isTrue();
    if (status == 429) {
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }
  }

  @Test
  void aMalformedStatusAnswerIsRetryable() {
    stubPollAnswer(
        "job-123",
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("<html>gateway hiccup</html>"));
    ProviderException e = pollFailure();
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void aStatusCallThatTimesOutIsRetryable() {
    requestTimeout = SHORT_TIMEOUT;
    stubPollAnswer(
        "job-123", aResponse().withStatus(200).withFixedDelay(STUB_DELAY_MILLIS).withBody("{}"));
    ProviderException e = pollFailure();
    assertThat(e.category()).isEqualTo(FailureCategory.UNAVAILABLE);
    assertThat(e.isRetryable()).isTrue();
  }

  private ProviderException submitFailure() {
    VideoProvider provider = provider();
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider.submit(job()));
    assertThat(e).as("submit should fail with a ProviderException").isNotNull();
    return e;
  }

  private ProviderException pollFailure() {
    VideoProvider provider = provider();
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider.poll(job(), "job-123"));
    assertThat(e).as("poll should fail with a ProviderException").isNotNull();
    return e;
  }
}
