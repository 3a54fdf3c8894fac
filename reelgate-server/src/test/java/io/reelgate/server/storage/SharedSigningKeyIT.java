package io.reelgate.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.InProcessServer;
import io.reelgate.server.support.PostgresSchemas;
import io.reelgate.server.support.S3Server;
import io.reelgate.server.support.ServerTest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two servers on one PostgreSQL schema and one bucket, each with its own data directory and no
 * configured signing key: both sign with the key kept in the database, so a result URL handed out
 * by one answers on the other — streamed by a node in {@code stream} mode, redirected to a
 * presigned URL of the store by a node in {@code redirect} mode.
 */
class SharedSigningKeyIT {
  static final String KEY = "rg_test_shared_key_0123456789";
  static S3Server s3;
  static InProcessServer a;
  static InProcessServer b;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(PostgresSchemas.configured(), PostgresSchemas.SKIPPED);
    s3 = S3Server.start();
    String schema = PostgresSchemas.create("shared_key");
    a = InProcessServer.start(node(schema, "stream"));
    b = InProcessServer.start(node(schema, "redirect"));
  }

  static Map<String, String> node(String schema, String downloads) {
    String url = System.getenv(PostgresSchemas.URL_VARIABLE);
    Map<String, String> p = new HashMap<>(s3.properties());
    p.put("reelgate.data-dir", ServerTest.tempDataDir("reelgate-node").toString());
    p.put("reelgate.bootstrap.api-key", KEY);
    p.put("reelgate.bootstrap.credits", "100000000");
    p.put("reelgate.allow-private-networks", "true");
    p.put("reelgate.storage.s3.downloads", downloads);
    p.put(
        "spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    p.put("spring.datasource.username", "");
    p.put("spring.flyway.schemas", schema);
    p.put("spring.flyway.default-schema", schema);
    p.put("db-scheduler.polling-strategy", "lock-and-fetch");
    return p;
  }

  @AfterAll
  static void stop() throws Exception {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void aUrlSignedByOneNodeIsServedByTheOther() throws Exception {
    String id = Apixo.submit(a.base(), KEY, "sora-2", Apixo.sora("two nodes, one key"));
    JsonNode done = Apixo.finished(a.base(), KEY, "sora-2", id, 240);
    assertThat(done.get("state").stringValue()).isEqualTo("success");
    String url =
        Http.JSON
            .readTree(done.get("resultJson").stringValue())
            .get("resultUrls")
            .get(0)
            .stringValue();
    assertThat(url).startsWith(a.base());
    byte[] video = Http.send("GET", url, null).body();
    assertThat(new String(video, 4, 4)).isEqualTo("ftyp");

    Http.Response onB = Http.send("GET", url.replace(a.base(), b.base()), null);
    assertThat(onB.status()).as("a redirect to the store").isEqualTo(302);
    String presigned = onB.header("Location");
    assertThat(presigned).startsWith(s3.endpoint());
    Http.Response fromStore = Http.send("GET", presigned, null, "Range", "bytes=10-19");
    assertThat(fromStore.status()).isEqualTo(206);
    assertThat(fromStore.body()).isEqualTo(Arrays.copyOfRange(video, 10, 20));

    String onBStatus =
        Http.JSON
            .readTree(Apixo.status(b.base(), KEY, "sora-2", id).get("resultJson").stringValue())
            .get("resultUrls")
            .get(0)
            .stringValue();
    Http.Response onA = Http.send("GET", onBStatus.replace(b.base(), a.base()), null);
    assertThat(onA.status()).as("B's URL streamed by A").isEqualTo(200);
    assertThat(onA.body()).isEqualTo(video);
    assertThat(Http.send("GET", url.replace(a.base(), b.base()) + "x", null).status())
        .as("a changed signature")
        .isEqualTo(403);
  }
}
