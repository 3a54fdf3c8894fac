package io.reelgate.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the process talks to a person at a terminal. */
final class Terminal {
  private Terminal() {}

  /** True when standard input and output are a terminal. */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // why: from Java 22 on System.console() also answers when nothing is a terminal;
      // Console.isTerminal() (22+) tells the difference
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException olderJava) {
      return true;
    }
  }
}
