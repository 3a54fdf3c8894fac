package io.reelgate.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.client.ApiException;
import io.reelgate.client.AuthenticationException;
import io.reelgate.client.BadRequestException;
import io.reelgate.client.ConflictException;
import io.reelgate.client.ContentPolicyException;
import io.reelgate.client.InsufficientCreditsException;
import io.reelgate.client.NotFoundException;
import io.reelgate.client.RateLimitedException;
import io.reelgate.client.ServerException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsTest {
  static String apixo(int code, String message) {
    return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"data\":null}";
  }

  static String pixazo(String error, String message) {
    return "{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}";
  }

  @Test
  void eachStatusHasItsException() {
    assertThat(Errors.of(400, apixo(400, "input.duration must be one of 4, 8, 12"), null))
        .isInstanceOf(BadRequestException.class);
    assertThat(Errors.of(400, apixo(400, "Insufficient credits"), null))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThat(
            Errors.of(
                402,
                pixazo("Insufficient Balance", "Your wallet does not have enough balance."),
                null))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThat(
            Errors.of(
                400,
                "{\"error\":\"insufficient_balance\",\"message\":\"amount -5 would take the balance below 0\"}",
                null))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThat(
            Errors.of(
                400,
                apixo(400, "Content violates provider policy, please adjust the prompt"),
                null))
        .isInstanceOf(ContentPolicyException.class);
    assertThat(Errors.of(401, apixo(401, "Invalid or missing API Key"), null))
        .isInstanceOf(AuthenticationException.class);
    assertThat(Errors.of(404, apixo(404, "Task not found"), null))
        .isInstanceOf(NotFoundException.class);
    assertThat(Errors.of(409, apixo(409, "task is finished"), null))
        .isInstanceOf(ConflictException.class);
    ApiException limited =
        Errors.of(429, apixo(429, "Rate limit exceeded: 10 unfinished"), Duration.ofSeconds(5));
    assertThat(limited).isInstanceOf(RateLimitedException.class);
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(5));
    assertThat(limited.isRetryable()).isTrue();
    assertThat(Errors.of(503, apixo(503, "Content moderation is unavailable"), null))
        .isInstanceOf(ServerException.class);
    assertThat(Errors.of(500, "<html>oops</html>", null).errorMessage())
        .isEqualTo("<html>oops</html>");
    assertThat(Errors.of(418, "", null).getClass()).isEqualTo(ApiException.class);
  }

  @Test
  void keepsTheServersMessageAndType() {
    ApiException e = Errors.of(400, pixazo("Bad Request", "seconds must be one of 4, 8, 12"), null);
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.errorType()).isEqualTo("Bad Request");
    assertThat(e.errorMessage()).isEqualTo("seconds must be one of 4, 8, 12");
    assertThat(e.getMessage()).isEqualTo("400 Bad Request: seconds must be one of 4, 8, 12");
    assertThat(((BadRequestException) e).field()).isEqualTo("seconds");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "input.duration must be one of 4, 8, 12|input.duration",
        "seconds must be one of 4, 8, 12|seconds",
        "amount is required: a non-zero integer|amount",
        "taskId is required|taskId",
        "callback_url cannot be a private address|callback_url",
        "Invalid parameters: input.prompt is required|input.prompt",
        "input.image_urls[0] is not a valid URL|input.image_urls[0]",
        "Request body too large: at most 1 MiB|",
        "MODEL_UNAVAILABLE: model 'sora-2' was retired|",
        "Model 'x' not found|"
      })
  void findsTheNamedField(String message, String field) {
    assertThat(Errors.fieldOf(message)).isEqualTo(field);
  }
}
