package io.reelgate.cli;

import io.reelgate.client.apixo.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code reelgate models}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List the gateway's models, their rules and prices.")
final class ModelsCommand extends BaseCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    List<ModelInfo> models = client().apixo().models();
    if (json()) {
      printJson(Map.of("models", models));
      return ExitCodes.OK;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"MODEL", "KINDS", "DURATIONS", "CREDITS/S", "STATUS"});
    for (ModelInfo m : models) {
      rows.add(
          new String[] {
            m.id()
                + (m.aliases() == null || m.aliases().isEmpty()
                    ? ""
                    : " (" + String.join(", ", m.aliases()) + ")"),
            m.kinds() == null
                ? ""
                : m.kinds().stream().map(ModelInfo.Kind::kind).collect(Collectors.joining(", ")),
            m.durations() == null
                ? ""
                : m.durations().stream().map(String::valueOf).collect(Collectors.joining(", ")),
            m.price() == null || m.price().creditsPerSecond() == null
                ? ""
                : Tables.number(m.price().creditsPerSecond()),
            m.availability() == null || m.availability().status() == null
                ? ""
                : m.availability().status()
          });
    }
    Tables.print(out(), rows);
    return ExitCodes.OK;
  }
}
