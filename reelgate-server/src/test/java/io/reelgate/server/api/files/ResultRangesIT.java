package io.reelgate.server.api.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code Range} requests on result files, at the signed URL and at OpenAI's {@code
 * /v1/videos/{id}/content}: a satisfiable range is a 206 with exactly those bytes; one that starts
 * past the end is a 416 with {@code Content-Range: bytes *&#47;<length>} and no body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultRangesIT extends ServerTest {
  private String taskId;
  private String url;
  private long length;

  @BeforeAll
  void aFinishedVideo() {
    taskId = Apixo.submit(base(), API_KEY, "sora-2", Apixo.sora("ranges"));
    JsonNode data = Apixo.finished(base(), API_KEY, "sora-2", taskId, 180);
    assertThat(data.get("state").stringValue()).as(data.toString()).isEqualTo("success");
    url =
        Http.JSON
            .readTree(data.get("resultJson").stringValue())
            .get("resultUrls")
            .get(0)
            .stringValue();
    length = Http.send("GET", url, null).body().length;
    assertThat(length).isGreaterThan(1000);
  }

  @Test
  void anUnsatisfiableRangeAtTheSignedUrlIs416WithoutTheFile() {
    Http.Response r = Http.send("GET", url, null, "Range", "bytes=999999999-");
    assertThat(r.status()).isEqualTo(416);
    assertThat(r.header("Content-Range")).isEqualTo("bytes */" + length);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void aRangeStartingAtTheLengthIs416AndOneByteBeforeItIs206() {
    assertThat(Http.send("GET", url, null, "Range", "bytes=" + length + "-").status())
        .isEqualTo(416);
    Http.Response last = Http.send("GET", url, null, "Range", "bytes=" + (length - 1) + "-");
    assertThat(last.status()).isEqualTo(206);
    assertThat(last.body()).hasSize(1);
    assertThat(last.header("Content-Range"))
        .isEqualTo("bytes " + (length - 1) + "-" + (length - 1) + "/" + length);
  }

  @Test
  void aMalformedRangeIs416WithoutTheFile() {
    Http.Response r = Http.send("GET", url, null, "Range", "bytes=abc");
    assertThat(r.status()).isEqualTo(416);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void theOpenAiContentEndpointAnswersTheSame() {
    String content = base() + "/v1/videos/" + taskId + "/content";
    Http.Response none =
        Http.send(
            "GET",
            content,
            null,
            "Authorization",
            "Bearer " + API_KEY,
            "Range",
            "bytes=999999999-");
    assertThat(none.status()).isEqualTo(416);
    assertThat(none.header("Content-Range")).isEqualTo("bytes */" + length);
    assertThat(none.body()).isEmpty();
    Http.Response some =
        Http.send(
            "GET", content, null, "Authorization", "Bearer " + API_KEY, "Range", "bytes=0-99");
    assertThat(some.status()).isEqualTo(206);
    assertThat(some.body()).hasSize(100);
    assertThat(some.header("Content-Type")).isEqualTo("video/mp4");
  }
}
