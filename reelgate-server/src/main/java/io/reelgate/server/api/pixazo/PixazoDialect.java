package io.reelgate.server.api.pixazo;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.server.access.AuthThrottledException;
import io.reelgate.server.api.common.BodyTooLargeException;
import io.reelgate.server.api.common.Dialect;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.MalformedBodyException;
import io.reelgate.server.api.common.NoRouteException;
import io.reelgate.server.api.common.ParsedRequest;
import io.reelgate.server.api.common.UnauthenticatedException;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.engine.StorageUnavailableException;
import io.reelgate.server.fetch.ImageFetchException;
import io.reelgate.server.fetch.ImageFetcher;
import io.reelgate.server.limits.LimitExceededException;
import io.reelgate.server.moderation.ContentViolationException;
import io.reelgate.server.moderation.ModerationUnavailableException;
import io.reelgate.server.routing.ParametersRefusedException;
import io.reelgate.server.storage.SignedUrls;
import io.reelgate.server.task.IdempotencyConflictException;
import io.reelgate.server.task.ModelNotFoundException;
import io.reelgate.server.task.ModelUnavailableException;
import io.reelgate.server.task.TaskNotFoundException;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The Pixazo Sora-video dialect's contract: generate bodies in, the universal status object out
 * (also the webhook and event body), and the one mapping of exceptions to {@code
 * {"error","message"}} bodies.
 */
@Component
public class PixazoDialect implements Dialect<PixazoDialect.Submission> {
  static final String NAME = "pixazo";
  private static final Logger log = LoggerFactory.getLogger(PixazoDialect.class);

  private final ImageFetcher images;
  private final PixazoViews views;

  public PixazoDialect(ImageFetcher images, SignedUrls signedUrls, Clock clock) {
    this.images = images;
    this.views = new PixazoViews(signedUrls, clock);
  }

  /**
   * A generate body.
   *
   * @param imageToVideo whether it came to {@code /video/i2v/generate}
   * @param webhookHeader the {@code X-Webhook-URL} header, or null
   */
  public record Submission(
      ModelSpec spec, JsonNode body, boolean imageToVideo, String webhookHeader) {}

  @Override
  public String dialect() {
    return NAME;
  }

  @Override
  public ParsedRequest parse(Submission s) {
    return s.imageToVideo()
        ? PixazoRequestParser.imageToVideo(s.spec(), s.body(), s.webhookHeader(), this::inspect)
        : PixazoRequestParser.textToVideo(s.spec(), s.body(), s.webhookHeader());
  }

  @Override
  public PixazoBodies.Status status(TaskRecord task) {
    return views.status(task);
  }

  /** The Sora-video result object of a task. */
  PixazoBodies.Result result(TaskRecord task) {
    return views.result(task);
  }

  @Override
  public PixazoBodies.Status payload(TaskRecord task) {
    return views.status(task);
  }

  /** Fetches an input image now, because its dimensions decide whether the request is valid. */
  private ImageInfo inspect(String url) {
    try {
      return images.fetch(url).info();
    } catch (ImageFetchException e) {
      throw new FieldException("image", "cannot be used: " + e.getMessage());
    }
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/sora-video/", "/v2/");
  }

  @Override
  public ResponseEntity<Object> error(Throwable e) {
    return switch (e) {
      case PixazoException x -> error(x.status(), x.error(), x.getMessage());
      case NoRouteException x ->
          error(
              x.status(),
              HttpStatus.resolve(x.status()) == null
                  ? "Error"
                  : HttpStatus.resolve(x.status()).getReasonPhrase(),
              x.getMessage());
      case UnauthenticatedException x -> pixazo(PixazoException.unauthorized());
      case AuthThrottledException x ->
          ResponseEntity.status(429)
              .contentType(MediaType.APPLICATION_JSON)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(x.retryAfterSeconds()))
              .body(new PixazoBodies.Error("Too Many Requests", x.getMessage()));
      case FieldException x -> badRequest(x.getMessage());
      case InvalidRequestException x ->
          badRequest(PixazoRequestParser.wireName(x.field()) + " " + x.problem());
      case ParametersRefusedException x ->
          badRequest(
              x.field().map(PixazoRequestParser::wireName).orElseGet(() -> x.option().orElse(""))
                  + " "
                  + x.problem());
      case MalformedBodyException x -> badRequest(x.getMessage());
      case BodyTooLargeException x ->
          error(413, "Payload Too Large", "The request body must be at most 1 MiB");
      case InsufficientCreditsException x ->
          error(402, "Insufficient Balance", "Your wallet does not have enough balance.");
      case ContentViolationException x ->
          error(400, "Content Policy Violation", ContentViolationException.CLIENT_MESSAGE);
      case StorageUnavailableException x ->
          error(503, "Service Unavailable", "Result storage is unavailable, please retry later");
      case ModerationUnavailableException x ->
          error(
              503, "Service Unavailable", "Content moderation is unavailable, please retry later");
      case LimitExceededException x ->
          ResponseEntity.status(429)
              .contentType(MediaType.APPLICATION_JSON)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(x.retryAfterSeconds()))
              .body(
                  new PixazoBodies.Error(
                      "Too Many Requests", "Rate limit exceeded: " + x.getMessage()));
      case IdempotencyConflictException x -> error(409, "Conflict", x.getMessage());
      case ModelNotFoundException x -> pixazo(PixazoException.modelNotFound(x.model()));
      case ModelUnavailableException x -> error(400, "Model unavailable", x.getMessage());
      case TaskNotFoundException x ->
          error(404, "Not Found", "No request with this id exists for this subscription key");
      default -> {
        log.error("Pixazo request failed", e);
        yield error(500, "Internal Server Error", "Internal error, please retry later");
      }
    };
  }

  private static ResponseEntity<Object> pixazo(PixazoException e) {
    return error(e.status(), e.error(), e.getMessage());
  }

  private static ResponseEntity<Object> badRequest(String message) {
    return error(400, "Bad Request", message);
  }

  private static ResponseEntity<Object> error(int status, String error, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new PixazoBodies.Error(error, message));
  }
}
