package io.reelgate.server.support;

import io.reelgate.server.config.ReelgateSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server in the test's JVM: S3Proxy on an in-memory blob store with one
 * bucket, with SigV4 authentication. It can be stopped and started again on the same port with the
 * same objects, to show the store unavailable for a while.
 */
public final class S3Server implements AutoCloseable {
  public static final String BUCKET = "reelgate-results";
  public static final String ACCESS_KEY = "reelgate-test-access";
  public static final String SECRET_KEY = "reelgate-test-secret-0123456789";

  private final BlobStore store = new TransientNio2BlobStore();
  private final int port = PackagedServer.freePort();
  private S3Proxy proxy;

  private S3Server() {}

  /** Starts a server with an empty bucket. */
  public static S3Server start() {
    S3Server s = new S3Server();
    s.up();
    s.store.createContainer(BUCKET);
    return s;
  }

  /** Starts the server again (after {@link #down}) on the same port, with the same objects. */
  public synchronized void up() {
    proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create(endpoint()))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
    Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> "STARTED".equals(proxy.getState()));
  }

  /** Stops answering: connections to the port are refused until {@link #up}. */
  public synchronized void down() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The settings that select this bucket, as {@code reelgate.storage.s3.*} properties. */
  public Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("reelgate.storage.s3.bucket", BUCKET);
    p.put("reelgate.storage.s3.endpoint", endpoint());
    p.put("reelgate.storage.s3.region", "us-east-1");
    p.put("reelgate.storage.s3.access-key", ACCESS_KEY);
    p.put("reelgate.storage.s3.secret-key", SECRET_KEY);
    p.put("reelgate.storage.s3.path-style", "true");
    return p;
  }

  /** The same settings as a record, for tests of the storage classes themselves. */
  public ReelgateSettings.S3 settings(DataSize partSize, String downloads) {
    return new ReelgateSettings.S3(
        BUCKET, endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY, true, partSize, downloads);
  }

  /** The keys in the bucket. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(BUCKET);
      if (token != null) {
        request.continuationToken(token);
      }
      ListObjectsV2Response page = store.list(request.build());
      for (S3Object o : page.contents()) {
        keys.add(o.key());
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return keys;
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      store.close();
    }
  }
}
