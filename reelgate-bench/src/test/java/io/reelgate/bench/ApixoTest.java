package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class ApixoTest {
  @Test
  void submitBodyCarriesTheSequenceNumberForTheStub() {
    String body = Apixo.submitBody("sora-2-pro", null, 42);

    assertThat(body)
        .startsWith("{\"request_type\":\"async\"")
        .contains("[bench:42]")
        .contains("\"size\":\"1280*720\"");
  }

  @Test
  void aCallbackMakesItACallbackRequestAndSora2TakesAnAspectRatio() {
    String body = Apixo.submitBody("sora-2", "http://127.0.0.1:9/hook", 7);

    assertThat(body)
        .startsWith("{\"request_type\":\"callback\",\"callback_url\":\"http://127.0.0.1:9/hook\"")
        .contains("\"aspect_ratio\":\"landscape\"")
        .contains("[bench:7]");
  }

  @Test
  void statusRequestNamesModelAndTaskAndAuthenticates() {
    HttpRequest r =
        Apixo.statusBuilder("http://127.0.0.1:1", "rg_key", "sora-2", "task_1")
            .header("If-None-Match", "\"v1\"")
            .build();

    assertThat(r.uri().toString())
        .isEqualTo("http://127.0.0.1:1/api/v1/statusTask/sora-2?taskId=task_1");
    assertThat(r.headers().firstValue("Authorization")).hasValue("Bearer rg_key");
    assertThat(r.headers().firstValue("If-None-Match")).hasValue("\"v1\"");
    assertThat(r.method()).isEqualTo("GET");
  }

  @Test
  void submitRequestPostsJson() {
    HttpRequest r = Apixo.submitRequest("http://127.0.0.1:1", "k", "sora-2", "{}");

    assertThat(r.uri().getPath()).isEqualTo("/api/v1/generateTask/sora-2");
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
  }
}
