package io.reelgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The JSON endpoints the console added to the APIs, over real HTTP: a task's details and the
 * caller's credits for key holders; accounts, tasks of every account and moderation events for the
 * operator. Bad filters are 400s naming the parameter.
 */
class ConsoleEndpointsIT extends ConsoleServerTest {

  @Test
  void aTasksDetailsFollowItsLifeAndTheCallerSeesItsCredits() {
    JsonNode before = asKey(API_KEY, "GET", "/api/v1/credits").json().get("data");
    String taskId = Apixo.submit(base(), API_KEY, "sora-2", Apixo.sora("console details"));
    JsonNode queued = asKey(API_KEY, "GET", "/api/v1/tasks/" + taskId).json();
    assertThat(queued.get("code").asInt()).isEqualTo(200);
    JsonNode data = queued.get("data");
    assertThat(data.get("taskId").stringValue()).isEqualTo(taskId);
    assertThat(data.get("model").stringValue()).isEqualTo("sora-2");
    assertThat(data.get("credits").asLong()).isEqualTo(40);
    assertThat(data.get("request").get("durationSeconds").asInt()).isEqualTo(4);
    assertThat(data.get("request").get("prompt").stringValue()).isEqualTo("console details");
    assertThat(data.get("timeline").get(0).get("state").stringValue()).isEqualTo("pending");

    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                asKey(API_KEY, "GET", "/api/v1/tasks/" + taskId)
                    .json()
                    .get("data")
                    .get("state")
                    .stringValue()
                    .equals("success"));
    JsonNode done = asKey(API_KEY, "GET", "/api/v1/tasks/" + taskId).json().get("data");
    assertThat(done.get("billing").stringValue()).isEqualTo("captured");
    List<String> states = new ArrayList<>();
    done.get("timeline").values().forEach(s -> states.add(s.get("state").stringValue()));
    assertThat(states).containsExactly("pending", "processing", "success");
    assertThat(done.get("output").get("width").asInt()).isEqualTo(1280);
    assertThat(done.get("output").get("height").asInt()).isEqualTo(720);
    assertThat(done.get("resultJson").stringValue()).contains("/files/" + taskId + "/");

    JsonNode after = asKey(API_KEY, "GET", "/api/v1/credits").json().get("data");
    assertThat(after.get("spent").asLong() - before.get("spent").asLong())
        .isGreaterThanOrEqualTo(40);
    JsonNode ledger = asKey(API_KEY, "GET", "/api/v1/credits/ledger?limit=5").json().get("data");
    List<String> kinds = new ArrayList<>();
    ledger
        .get("entries")
        .values()
        .forEach(
            e -> {
              if (taskId.equals(e.get("taskId").stringValue())) {
                kinds.add(e.get("kind").stringValue());
              }
            });
    assertThat(kinds).contains("CAPTURE", "RESERVE");

    assertThat(asKey(API_KEY, "GET", "/api/v1/tasks/task_nope").status()).isEqualTo(404);
    Http.Response badLimit = asKey(API_KEY, "GET", "/api/v1/credits/ledger?limit=0");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.json().get("message").stringValue()).startsWith("limit ");
    assertThat(asKey("rg_wrong", "GET", "/api/v1/credits").status()).isEqualTo(401);
    assertThat(asKey("rg_wrong", "GET", "/api/v1/tasks/" + taskId).status()).isEqualTo(401);
  }

  @Test
  void theOperatorListsAccountsTasksOfEveryAccountAndModerationEvents() {
    Http.Response created =
        Http.send(
            "POST",
            base() + "/admin/v1/accounts",
            "{\"name\":\"lists\",\"credits\":1000}",
            "Authorization",
            "Bearer " + ADMIN_TOKEN,
            "Content-Type",
            "application/json");
    assertThat(created.status()).isEqualTo(201);
    String accountId = created.json().get("accountId").stringValue();
    String key = created.json().get("apiKey").stringValue();
    String taskId = Apixo.submit(base(), key, "sora-2", Apixo.sora("operator lists"));
    Http.Response refused =
        Http.send(
            "POST",
            base() + "/api/v1/generateTask/sora-2",
            Apixo.sora("a scene with csam"),
            "Authorization",
            "Bearer " + key,
            "Content-Type",
            "application/json");
    assertThat(refused.status()).isEqualTo(400);

    JsonNode accounts = asAdmin("GET", "/admin/v1/accounts?limit=500").json().get("accounts");
    assertThat(accounts.values().stream().map(a -> a.get("accountId").stringValue()))
        .contains(accountId);
    JsonNode firstPage = asAdmin("GET", "/admin/v1/accounts?limit=1").json();
    assertThat(firstPage.get("accounts").size()).isEqualTo(1);
    JsonNode secondPage =
        asAdmin("GET", "/admin/v1/accounts?limit=1&before=" + firstPage.get("next").stringValue())
            .json();
    assertThat(secondPage.get("accounts").get(0).get("accountId").stringValue())
        .isLessThan(firstPage.get("next").stringValue());

    JsonNode tasks = asAdmin("GET", "/admin/v1/tasks?account=" + accountId).json().get("tasks");
    assertThat(tasks.size()).isEqualTo(1);
    assertThat(tasks.get(0).get("taskId").stringValue()).isEqualTo(taskId);
    assertThat(tasks.get(0).get("accountId").stringValue()).isEqualTo(accountId);
    assertThat(tasks.get(0).get("price").asLong()).isEqualTo(40);
    assertThat(tasks.get(0).get("prompt").stringValue()).isEqualTo("operator lists");
    JsonNode everyone = asAdmin("GET", "/admin/v1/tasks?model=sora-2&limit=500").json();
    assertThat(everyone.get("tasks").values().stream().map(t -> t.get("accountId").stringValue()))
        .contains(accountId);
    assertThat(
            asAdmin("GET", "/admin/v1/tasks?account=" + accountId + "&state=cancelled")
                .json()
                .get("tasks")
                .size())
        .isZero();

    JsonNode events =
        asAdmin("GET", "/admin/v1/moderation-events?account=" + accountId).json().get("events");
    assertThat(events.size()).isEqualTo(1);
    assertThat(events.get(0).get("promptExcerpt").stringValue()).isEqualTo("a scene with csam");
    assertThat(events.get(0).get("model").stringValue()).isEqualTo("sora-2");

    for (String[] bad :
        new String[][] {
          {"/admin/v1/tasks?state=done", "state "},
          {"/admin/v1/tasks?model=nope", "model "},
          {"/admin/v1/tasks?cursor=***", "cursor "},
          {"/admin/v1/tasks?since=yesterday", "since "},
          {"/admin/v1/accounts?limit=0", "limit "},
          {"/admin/v1/moderation-events?limit=501", "limit "}
        }) {
      Http.Response r = asAdmin("GET", bad[0]);
      assertThat(r.status()).as(bad[0]).isEqualTo(400);
      assertThat(r.json().get("error").stringValue()).isEqualTo("invalid_request");
      assertThat(r.json().get("message").stringValue()).as(bad[0]).startsWith(bad[1]);
    }
    assertThat(asKey("wrong", "GET", "/admin/v1/tasks").status()).isEqualTo(401);
  }
}
