package io.reelgate.client.apixo;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.client.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

class TaskStatusTest {
  @Test
  void readsASuccessWithItsResultJsonString() {
    TaskStatus s =
        TaskStatus.fromJson(
            Json.MAPPER.readTree(
                "{\"taskId\":\"task_1\",\"state\":\"success\",\"createTime\":1000,"
                    + "\"resultJson\":\"{\\\"resultUrls\\\":[\\\"http://h/v.mp4\\\"]}\","
                    + "\"completeTime\":5000,\"costTime\":4000,\"newField\":{\"x\":1}}"));
    assertThat(s.state()).isEqualTo(TaskState.SUCCESS);
    assertThat(s.isFinal()).isTrue();
    assertThat(s.resultUrl()).isEqualTo("http://h/v.mp4");
    assertThat(s.createTime()).isEqualTo(Instant.ofEpochMilli(1000));
    assertThat(s.costTime()).isEqualTo(Duration.ofSeconds(4));
    assertThat(s.progress()).isNull();
  }

  @Test
  void anUnknownStateIsKeptRaw() {
    TaskStatus s =
        TaskStatus.fromJson(
            Json.MAPPER.readTree("{\"taskId\":\"t\",\"state\":\"paused\",\"progress\":40}"));
    assertThat(s.state()).isEqualTo(TaskState.UNKNOWN);
    assertThat(s.rawState()).isEqualTo("paused");
    assertThat(s.isFinal()).isFalse();
    assertThat(s.progress()).isEqualTo(40);
    assertThat(TaskState.of("FAILED")).isEqualTo(TaskState.FAILED);
  }

  @Test
  void readsTheCatalogAndIgnoresFieldsItDoesNotKnow() {
    String json =
        "[{\"id\":\"sora-2-pro\",\"aliases\":[],\"kinds\":[{\"kind\":\"text-to-video\",\"minImages\":0,"
            + "\"maxImages\":0,\"sizes\":[\"1280x720\"],\"qualities\":[\"standard\"],\"extra\":true}],"
            + "\"durations\":[4,8,12],\"maxPromptLength\":10000,\"providers\":[\"official\"],"
            + "\"defaultProvider\":\"official\",\"input\":[{\"field\":\"mode\",\"type\":\"string\","
            + "\"required\":true,\"values\":[\"text-to-video\",\"image-to-video\"],\"default\":null,"
            + "\"when\":null},{\"field\":\"size\",\"type\":\"string\",\"required\":false,"
            + "\"values\":[\"1280*720\"],\"default\":\"1280*720\",\"when\":{\"mode\":[\"text-to-video\"]}}],"
            + "\"price\":{\"creditsPerSecond\":30,\"qualityFactors\":{},\"sizeFactors\":{\"1792\":1.67},"
            + "\"examples\":[{\"input\":{\"duration\":8},\"credits\":240}]},"
            + "\"limits\":{\"requestsPerMinute\":60,\"concurrentTasks\":10},"
            + "\"availability\":{\"status\":\"available\",\"retiredAt\":null,"
            + "\"channels\":[{\"id\":\"local\",\"route\":\"official\",\"health\":\"closed\"}]},"
            + "\"somethingNew\":[1,2,3]}]";
    List<ModelInfo> models = Json.MAPPER.readValue(json, new TypeReference<List<ModelInfo>>() {});
    ModelInfo m = models.get(0);
    assertThat(m.id()).isEqualTo("sora-2-pro");
    assertThat(m.durations()).containsExactly(4, 8, 12);
    assertThat(m.input().get(1).defaultValue()).isEqualTo("1280*720");
    assertThat(m.input().get(1).when()).containsKey("mode");
    assertThat(m.price().sizeFactors()).containsEntry("1792", 1.67);
    assertThat(m.price().examples().get(0).credits()).isEqualTo(240L);
    assertThat(m.limits().concurrentTasks()).isEqualTo(10);
    assertThat(m.availability().channels().get(0).health()).isEqualTo("closed");
  }

  @Test
  void paramsSendOnlyWhatIsSet() {
    GenerateParams p =
        GenerateParams.builder()
            .mode("text-to-video")
            .prompt("p")
            .duration(4)
            .addImageUrl("a")
            .addImageUrl("b")
            .callbackUrl("https://example.com/hook")
            .build();
    assertThat(Json.MAPPER.writeValueAsString(p.toBody()))
        .isEqualTo(
            "{\"request_type\":\"callback\",\"callback_url\":\"https://example.com/hook\","
                + "\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":4,"
                + "\"image_urls\":[\"a\",\"b\"]}}");
    assertThat(p.toBuilder().build()).isEqualTo(p);
    assertThat(p.toBuilder().putInput("duration", null).build().input())
        .doesNotContainKey("duration");
  }
}
