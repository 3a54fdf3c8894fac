package io.reelgate.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class, as {@code jcmd <pid> GC.class_histogram} prints them, and the
 * classes whose instances grew between two such histograms: what a number of tasks in flight keeps
 * on the heap, by owner.
 */
public final class ClassHistogram {
  /**
   * A class counts as growing with the tasks when it gained at least one live instance per two
   * tasks. Structures that exist once whatever the number of tasks (a map's table, a cache's array)
   * are left out even when they grew in bytes; they show in the total.
   */
  static final double MIN_INSTANCES_PER_TASK = 0.5;

  private static final Pattern ROW =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");

  /** One class: its live instances and their shallow size. */
  public record Entry(String className, long instances, long bytes) {}

  /** A class whose live instances grew between two histograms, and by how many bytes. */
  public record Growth(String className, long instances, long bytes) {
    /** The class as Java source spells it: {@code byte[]}, {@code java.lang.String[]}. */
    public String displayName() {
      return display(className);
    }

    /** The package of the class (of the element class for arrays); empty for primitive arrays. */
    public String packageName() {
      return packageOf(className);
    }
  }

  private final Map<String, Entry> entries;

  private ClassHistogram(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /**
   * Reads the output of {@code jcmd <pid> GC.class_histogram}. A class loaded by several class
   * loaders appears once, with the rows added up.
   */
  public static ClassHistogram parse(String output) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (String line : output.split("\\R")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        add(entries, new Entry(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
      }
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(
          "not a class histogram: "
              + output.substring(0, Math.min(200, output.length())).replace('\n', ' '));
    }
    return new ClassHistogram(entries);
  }

  /** The histograms of several processes added up, class by class. */
  public static ClassHistogram sum(Collection<ClassHistogram> parts) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (ClassHistogram part : parts) {
      part.entries.values().forEach(e -> add(entries, e));
    }
    return new ClassHistogram(entries);
  }

  private static void add(Map<String, Entry> entries, Entry e) {
    entries.merge(
        e.className(),
        e,
        (a, b) -> new Entry(a.className(), a.instances() + b.instances(), a.bytes() + b.bytes()));
  }

  public Entry entry(String className) {
    return entries.get(className);
  }

  public long totalInstances() {
    return entries.values().stream().mapToLong(Entry::instances).sum();
  }

  public long totalBytes() {
    return entries.values().stream().mapToLong(Entry::bytes).sum();
  }

  /**
   * The classes that gained at least {@link #MIN_INSTANCES_PER_TASK} live instances per task since
   * {@code base}, with what they gained, the most bytes first.
   */
  public List<Growth> growthSince(ClassHistogram base, long tasks) {
    List<Growth> grown = new ArrayList<>();
    if (tasks <= 0) {
      return grown;
    }
    for (Entry now : entries.values()) {
      Entry before = base.entries.get(now.className());
      long instances = now.instances() - (before == null ? 0 : before.instances());
      long bytes = now.bytes() - (before == null ? 0 : before.bytes());
      if (instances >= MIN_INSTANCES_PER_TASK * tasks && bytes > 0) {
        grown.add(new Growth(now.className(), instances, bytes));
      }
    }
    grown.sort(
        Comparator.comparingLong(Growth::bytes)
            .reversed()
            .thenComparing(Growth::className, Comparator.naturalOrder()));
    return grown;
  }

  /** The bytes the given classes gained, added up. */
  public static long bytes(List<Growth> grown) {
    return grown.stream().mapToLong(Growth::bytes).sum();
  }

  static String display(String className) {
    int dims = 0;
    while (dims < className.length() && className.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return className;
    }
    String element = className.substring(dims);
    String name =
        switch (element) {
          case "B" -> "byte";
          case "C" -> "char";
          case "S" -> "short";
          case "I" -> "int";
          case "J" -> "long";
          case "F" -> "float";
          case "D" -> "double";
          case "Z" -> "boolean";
          default ->
              element.startsWith("L") && element.endsWith(";")
                  ? element.substring(1, element.length() - 1)
                  : element;
        };
    return name + "[]".repeat(dims);
  }

  static String packageOf(String className) {
    String name = display(className).replace("[]", "");
    if (!name.contains(".")) {
      return "";
    }
    int hidden = name.indexOf('/');
    String plain = hidden < 0 ? name : name.substring(0, hidden);
    int dot = plain.lastIndexOf('.');
    return dot < 0 ? "" : plain.substring(0, dot);
  }
}
