package io.reelgate.bench;

import java.time.Duration;
import java.util.List;

/**
 * The tasks the submit scenario leaves in flight at the stub upstream (jobs held), for the status
 * scenarios to read, and the baseline server answering the bytes the real server answered.
 *
 * @param model the model they were submitted to
 * @param ids their task ids
 * @param baseline answers the submit and status paths with the server's bytes
 */
record HeldTasks(String model, List<String> ids, Baseline baseline) implements AutoCloseable {
  HeldTasks {
    ids = List.copyOf(ids);
  }

  /** Fails the held jobs at the stub and waits until every task is finished. */
  void drain(BenchContext context) throws Exception {
    if (!context.channels()) {
      return;
    }
    Log.line("%s", "submit: draining " + ids.size() + " held tasks");
    // tasks not yet handed over when the jobs are failed fail on arrival
    context.stub().plan(new StubUpstream.Plan.Fail());
    context.stub().failAll();
    context.awaitTerminal(
        BenchContext.POLL_MODEL, ids, Duration.ofMinutes(context.options().quick() ? 3 : 10));
  }

  @Override
  public void close() {
    baseline.close();
  }
}
