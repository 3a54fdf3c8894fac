package io.reelgate.cli;

import io.reelgate.client.apixo.Estimate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reelgate estimate}. */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    description = "Price a request without creating anything; takes the same options as generate.")
final class EstimateCommand extends BaseCommand implements Callable<Integer> {
  @Mixin RequestArgs request;

  @Override
  public Integer call() {
    Estimate e = client().apixo().estimate(request.model, request.params());
    if (json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("credits", e.credits());
      m.put("request", e.request());
      printJson(m);
    } else {
      out().println(e.credits() + " credits");
      e.request().forEach((k, v) -> out().println("  " + k + ": " + v));
    }
    return ExitCodes.OK;
  }
}
