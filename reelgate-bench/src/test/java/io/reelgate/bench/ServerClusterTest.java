package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerClusterTest {
  private static final List<String> NODES =
      List.of("http://127.0.0.1:8081", "http://127.0.0.1:8082");

  @Test
  void aResultUrlOfOneNodeGoesToEachNodeInTurn() {
    String url = "http://127.0.0.1:8081/files/abc.mp4?exp=1&sig=x";

    assertThat(ServerCluster.rebase(url, NODES, 0)).isEqualTo(url);
    assertThat(ServerCluster.rebase(url, NODES, 1))
        .isEqualTo("http://127.0.0.1:8082/files/abc.mp4?exp=1&sig=x");
    assertThat(ServerCluster.rebase(url, NODES, 2)).isEqualTo(url);
  }

  @Test
  void otherUrlsStayAsTheyAre() {
    assertThat(ServerCluster.rebase("http://cdn.example/abc.mp4", NODES, 1))
        .isEqualTo("http://cdn.example/abc.mp4");
    // a node's port as a prefix of another port is not that node
    assertThat(ServerCluster.rebase("http://127.0.0.1:80811/x", NODES, 1))
        .isEqualTo("http://127.0.0.1:80811/x");
  }

  @Test
  void oneNodeKeepsItsDataWhereASingleServerAlwaysDid() {
    Path work = Path.of("/tmp/w");

    assertThat(ServerCluster.dataDir(work, 1, 1)).isEqualTo(work.resolve("data"));
    assertThat(ServerCluster.dataDir(work, 2, 2)).isEqualTo(work.resolve("data-node2"));
  }

  @Test
  void needsAtLeastOneNode() {
    assertThatThrownBy(() -> new ServerCluster(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
