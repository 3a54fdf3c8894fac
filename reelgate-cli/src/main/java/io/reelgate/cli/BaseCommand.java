package io.reelgate.cli;

import io.reelgate.client.ReelgateClient;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command needs: the client, the output streams and the global flags. */
abstract class BaseCommand {
  @Spec CommandSpec spec;

  Reelgate root() {
    return (Reelgate) spec.root().userObject();
  }

  ReelgateClient client() {
    return root().client();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return root().json;
  }

  /** Prints a value as JSON on standard output. */
  void printJson(Object value) {
    out().println(Views.json(value));
    out().flush();
  }

  TaskProgress.Mode progressMode() {
    return TaskProgress.choose(json(), root().noProgress);
  }
}
