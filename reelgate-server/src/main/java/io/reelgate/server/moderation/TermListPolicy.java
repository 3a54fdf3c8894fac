package io.reelgate.server.moderation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in policy: configured terms (matched as whole words, ignoring case, accents and the
 * spacing between words of a phrase) and regular expressions.
 */
public final class TermListPolicy implements ContentPolicy {
  private final List<Rule> rules = new ArrayList<>();

  private record Rule(String label, Pattern pattern) {}

  /**
   * @throws IllegalArgumentException naming a pattern that does not compile
   */
  public TermListPolicy(List<String> terms, List<String> patterns) {
    for (String term : terms) {
      String t = normalize(term).trim();
      if (t.isEmpty()) {
        continue;
      }
      String body =
          String.join("\\s+", List.of(t.split("\\s+")).stream().map(Pattern::quote).toList());
      rules.add(
          new Rule(
              "term \"" + term.trim() + "\"",
              Pattern.compile("(?<![\\p{L}\\p{N}])" + body + "(?![\\p{L}\\p{N}])")));
    }
    for (String pattern : patterns) {
      if (pattern.isBlank()) {
        continue;
      }
      try {
        rules.add(
            new Rule(
                "pattern /" + pattern + "/",
                Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "reelgate.moderation.patterns: \"" + pattern + "\" is not a valid regular expression",
            e);
      }
    }
  }

  @Override
  public String name() {
    return "terms";
  }

  @Override
  public Optional<String> violation(String prompt) {
    if (prompt == null || rules.isEmpty()) {
      return Optional.empty();
    }
    String text = normalize(prompt);
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(text);
      if (m.find()) {
        return Optional.of("matches " + rule.label());
      }
    }
    return Optional.empty();
  }

  /** Lower case without accents, so that "Nüde" and "NUDE" read alike. */
  static String normalize(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }
}
