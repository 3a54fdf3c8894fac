package io.reelgate.server.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reelgate.server.api.common.Fields.FieldException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Fuzz target of the JSON body reader and the typed field reads: any bytes either become a JSON
 * object or a {@link MalformedBodyException}; every typed read of every property either returns a
 * value of its type or a {@link FieldException} naming the field.
 */
class JsonBodiesFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void readAndTypedFields(FuzzedDataProvider data) {
    long min = data.consumeLong();
    long max = data.consumeLong();
    byte[] bytes = data.consumeRemainingAsBytes();
    JsonNode body;
    try {
      body = JsonBodies.parseObject(bytes);
    } catch (MalformedBodyException e) {
      assertThat(e.getMessage()).startsWith("the request body");
      return;
    }
    assertThat(body.isObject()).isTrue();
    List<String> names = new ArrayList<>(body.propertyNames());
    for (String name : names) {
      read(() -> Fields.string(body, name, name), name);
      read(() -> Fields.integer(body, name, name), name);
      read(
          () -> Fields.longInRange(body, name, name, Math.min(min, max), Math.max(min, max)), name);
      read(() -> Fields.bool(body, name, name), name);
      read(() -> Fields.object(body, name, name), name);
      read(() -> Fields.strings(body, name, name), name);
      Fields.present(body, name);
    }
  }

  private static void read(Runnable read, String name) {
    try {
      read.run();
    } catch (FieldException e) {
      assertThat(e.field()).isEqualTo(name);
    }
  }
}
