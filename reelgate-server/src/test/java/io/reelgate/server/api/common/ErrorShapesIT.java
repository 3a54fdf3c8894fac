package io.reelgate.server.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests no endpoint takes get the error shape of the dialect whose paths they are under: an
 * unknown path is a 404 for every method, a wrong method on a known path a 405 with {@code Allow}.
 * With the admin API off, its paths answer exactly like any unknown path.
 */
class ErrorShapesIT extends ServerTest {
  private Http.Response send(String method, String path) {
    return Http.send(method, base() + path, method.equals("GET") ? null : "{}");
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/nope",
    "POST, /api/v1/generateTask",
    "DELETE, /api/v1/tasks/task_x/nothing",
  })
  void apixoUnknownPathsAre404Envelopes(String method, String path) {
    Http.Response r = send(method, path);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.text())
        .isEqualTo(
            "{\"code\":404,\"message\":\"No endpoint " + method + " " + path + "\",\"data\":null}");
  }

  @Test
  void apixoWrongMethodIs405WithAllow() {
    Http.Response r = send("GET", "/api/v1/generateTask/sora-2");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("POST");
    assertThat(r.json().get("code").asInt()).isEqualTo(405);
    assertThat(r.json().get("message").stringValue())
        .isEqualTo("GET is not allowed on /api/v1/generateTask/sora-2; allowed: POST");
  }

  @Test
  void pixazoPathsAnswerInPixazoShape() {
    Http.Response unknown = send("GET", "/sora-video/v1/nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text())
        .isEqualTo("{\"error\":\"Not Found\",\"message\":\"No endpoint GET /sora-video/v1/nope\"}");
    Http.Response status = send("POST", "/v2/requests/nothing");
    assertThat(status.status()).isEqualTo(404);
    assertThat(status.json().get("error").stringValue()).isEqualTo("Not Found");
    Http.Response method = send("PUT", "/sora-video/v1/video/generate");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.header("Allow")).isEqualTo("POST");
    assertThat(method.json().get("error").stringValue()).isEqualTo("Method Not Allowed");
    assertThat(method.json().get("message").stringValue())
        .isEqualTo("PUT is not allowed on /sora-video/v1/video/generate; allowed: POST");
  }

  @Test
  void openAiPathsAnswerInOpenAiShape() {
    Http.Response unknown = send("GET", "/v1/nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text())
        .isEqualTo(
            "{\"error\":{\"message\":\"No endpoint GET /v1/nope\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":null}}");
    Http.Response method = send("PATCH", "/v1/videos");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.header("Allow")).contains("GET").contains("POST");
    assertThat(method.json().get("error").get("type").stringValue())
        .isEqualTo("invalid_request_error");
    assertThat(method.json().get("error").get("message").stringValue())
        .startsWith("PATCH is not allowed on /v1/videos; allowed: ");
  }

  @Test
  void otherUnknownPathsAreAPlainError() {
    Http.Response r = send("GET", "/nothing/here");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text())
        .isEqualTo("{\"error\":\"not_found\",\"message\":\"No endpoint GET /nothing/here\"}");
  }

  @ParameterizedTest
  @CsvSource({"GET, /v1/accounts", "POST, /v1/accounts", "DELETE, /v1/keys/key_1", "GET, ''"})
  void withTheAdminApiOffItsPathsAnswerLikeAnyUnknownPath(String method, String rest) {
    Http.Response admin =
        Http.send(method, base() + "/admin" + rest, null, "Authorization", "Bearer x");
    Http.Response other =
        Http.send(method, base() + "/zzzzz" + rest, null, "Authorization", "Bearer x");
    assertThat(admin.status()).isEqualTo(404).isEqualTo(other.status());
    assertThat(admin.text().replace("/admin", "/zzzzz")).isEqualTo(other.text());
    assertThat(headersBesidesDate(admin)).isEqualTo(headersBesidesDate(other));
  }

  private static Map<String, List<String>> headersBesidesDate(Http.Response r) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    r.headers().forEach((name, values) -> headers.put(name, values));
    headers.remove("date");
    headers.remove(":status");
    return headers;
  }
}
