package io.reelgate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server processes of one run: one, or several on the same database, each with its own port and
 * data directory. Requests are spread over them round-robin; CPU time, heap and class histograms
 * are added up over all of them.
 */
public final class ServerCluster implements AutoCloseable {
  private final List<ServerProcess> nodes;
  private final AtomicInteger next = new AtomicInteger();

  ServerCluster(List<ServerProcess> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no server process");
    }
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts {@code count} servers one after the other (the first one migrates the database before
   * the next one starts). A single node keeps its data in {@code work/data}, several in {@code
   * work/data-node<k>}.
   */
  public static ServerCluster start(
      int count, Path jar, Path work, List<String> jvmArgs, Map<String, String> env)
      throws IOException, InterruptedException {
    List<ServerProcess> started = new ArrayList<>();
    try {
      for (int k = 1; k <= count; k++) {
        started.add(ServerProcess.start(jar, dataDir(work, k, count), jvmArgs, env));
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      for (ServerProcess p : started) {
        p.close();
      }
      throw e;
    }
    return new ServerCluster(started);
  }

  static Path dataDir(Path work, int node, int count) {
    return count == 1 ? work.resolve("data") : work.resolve("data-node" + node);
  }

  public List<ServerProcess> nodes() {
    return nodes;
  }

  public int size() {
    return nodes.size();
  }

  /** The base URL of the next node in turn. */
  public String baseUrl() {
    return nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size())).baseUrl();
  }

  public List<String> baseUrls() {
    return nodes.stream().map(ServerProcess::baseUrl).toList();
  }

  /**
   * The same URL at node {@code i} (modulo the number of nodes) when it points at one of the nodes;
   * any other URL unchanged.
   */
  public static String rebase(String url, List<String> baseUrls, int i) {
    for (String base : baseUrls) {
      if (url.startsWith(base + "/")) {
        return baseUrls.get(Math.floorMod(i, baseUrls.size())) + url.substring(base.length());
      }
    }
    return url;
  }

  /** CPU time of all nodes so far, in nanoseconds; 0 when a node's is not known. */
  public long cpuNanos() {
    long sum = 0;
    for (ServerProcess p : nodes) {
      long cpu = p.cpuNanos();
      if (cpu <= 0) {
        return 0;
      }
      sum += cpu;
    }
    return sum;
  }

  /** Used heap after a full GC, added up over the nodes, in bytes. */
  public long heapAfterGc() throws IOException, InterruptedException {
    long sum = 0;
    for (ServerProcess p : nodes) {
      sum += p.heapAfterGc();
    }
    return sum;
  }

  /** The class histograms of all nodes added up. */
  public ClassHistogram classHistogram() throws IOException, InterruptedException {
    List<ClassHistogram> parts = new ArrayList<>();
    for (ServerProcess p : nodes) {
      parts.add(p.classHistogram());
    }
    return ClassHistogram.sum(parts);
  }

  public void startRecording(String name) throws IOException, InterruptedException {
    for (ServerProcess p : nodes) {
      p.startRecording(name);
    }
  }

  /**
   * Stops the recordings and writes them to {@code dir}: {@code <name>.jfr} for one node, {@code
   * <name>-node<k>.jfr} for several.
   */
  public List<Path> stopRecording(String name, Path dir) throws IOException, InterruptedException {
    List<Path> files = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      Path file =
          dir.resolve(nodes.size() == 1 ? name + ".jfr" : name + "-node" + (k + 1) + ".jfr");
      nodes.get(k).stopRecording(name, file);
      files.add(file);
    }
    return files;
  }

  @Override
  public void close() throws InterruptedException {
    for (ServerProcess p : nodes) {
      p.close();
    }
  }
}
