package io.reelgate.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible server in the benchmark's JVM (S3Proxy on a blob store in a temporary directory,
 * deleted at the end: a whole run's results do not fit in the benchmark's heap) with one bucket,
 * for runs with {@code --storage s3}: the servers get its address and keys in {@code
 * REELGATE_STORAGE_S3_*}, and the bucket's objects are counted after the run.
 */
final class S3Store implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final String BUCKET = "reelgate-bench";

  private final S3Proxy proxy;
  private final BlobStore store;
  private final String accessKey;
  private final String secretKey;
  private final Path directory;

  private S3Store(
      S3Proxy proxy, BlobStore store, String accessKey, String secretKey, Path directory) {
    this.directory = directory;
    this.proxy = proxy;
    this.store = store;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts the server on a free loopback port and creates the bucket. */
  static S3Store start() throws Exception {
    String accessKey = "bench" + HexFormat.of().formatHex(randomBytes(8));
    String secretKey = HexFormat.of().formatHex(randomBytes(20));
    Path directory = Files.createTempDirectory("reelgate-bench-s3");
    BlobStore store = new FilesystemNio2BlobStore(directory.toString());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:" + ServerProcess.freePort()))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    store.createContainer(BUCKET);
    return new S3Store(proxy, store, accessKey, secretKey, directory);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The settings that select this bucket on a server. */
  Map<String, String> env() {
    return env(BUCKET, endpoint(), accessKey, secretKey);
  }

  static Map<String, String> env(
      String bucket, String endpoint, String accessKey, String secretKey) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("REELGATE_STORAGE_S3_BUCKET", bucket);
    env.put("REELGATE_STORAGE_S3_ENDPOINT", endpoint);
    env.put("REELGATE_STORAGE_S3_REGION", REGION);
    env.put("REELGATE_STORAGE_S3_ACCESS_KEY", accessKey);
    env.put("REELGATE_STORAGE_S3_SECRET_KEY", secretKey);
    env.put("REELGATE_STORAGE_S3_PATH_STYLE", "true");
    // why: `stream` or `redirect`, to compare how result downloads are served
    String downloads = System.getenv("REELGATE_STORAGE_S3_DOWNLOADS");
    if (downloads != null && !downloads.isBlank()) {
      env.put("REELGATE_STORAGE_S3_DOWNLOADS", downloads);
    }
    return env;
  }

  /** The objects in the bucket and their bytes. */
  record Contents(long objects, long bytes) {}

  Contents contents() {
    long objects = 0;
    long bytes = 0;
    String token = null;
    do {
      ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(BUCKET);
      if (token != null) {
        request.continuationToken(token);
      }
      ListObjectsV2Response page = store.list(request.build());
      for (S3Object o : page.contents()) {
        objects++;
        bytes += o.size() == null ? 0 : o.size();
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return new Contents(objects, bytes);
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      try {
        store.close();
      } finally {
        try (Stream<Path> files = Files.walk(directory)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }
}
