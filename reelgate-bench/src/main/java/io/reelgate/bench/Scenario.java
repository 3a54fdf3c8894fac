package io.reelgate.bench;

/**
 * One benchmark scenario run against the started server. Its figures go into the report under
 * metric names that start with its name ({@code <name>.…}); a failure is reported under that name
 * and the next scenario still runs.
 */
interface Scenario {
  /** The name its failures and progress are reported under. */
  String name();

  void run(BenchContext context) throws Exception;
}
