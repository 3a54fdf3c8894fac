package io.reelgate.server.metrics;

import io.reelgate.server.support.Http;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /actuator/prometheus}, read the way Prometheus reads it. */
record Scrape(String text) {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static Scrape of(String managementBase) {
    Http.Response r = Http.send("GET", managementBase + "/actuator/prometheus", null);
    if (r.status() != 200) {
      throw new AssertionError("scrape answered " + r.status() + ": " + r.text());
    }
    return new Scrape(r.text());
  }

  /** The sum of the samples of {@code name} whose labels include all of {@code labels}. */
  double sum(String name, Map<String, String> labels) {
    double total = 0;
    Matcher m = SAMPLE.matcher(text);
    while (m.find()) {
      if (!m.group(1).equals(name)) {
        continue;
      }
      Map<String, String> have = new java.util.HashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          have.put(l.group(1), l.group(2));
        }
      }
      if (have.entrySet().containsAll(labels.entrySet())) {
        total += Double.parseDouble(m.group(4));
      }
    }
    return total;
  }

  double sum(String name) {
    return sum(name, Map.of());
  }

  /** Whether any sample of the name is present. */
  boolean has(String name) {
    return Pattern.compile("^" + Pattern.quote(name) + "[{ ]", Pattern.MULTILINE)
        .matcher(text)
        .find();
  }
}
