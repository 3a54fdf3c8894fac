package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The in-process S3-compatible server takes objects from an S3 client configured the way the
 * servers are ({@code REELGATE_STORAGE_S3_*}), and counts them.
 */
class S3StoreIT {
  @Test
  void anS3ClientWithTheServersSettingsStoresObjectsThatAreCounted() throws Exception {
    try (S3Store store = S3Store.start()) {
      var env = store.env();
      assertThat(store.contents()).isEqualTo(new S3Store.Contents(0, 0));
      try (S3Client s3 =
          S3Client.builder()
              .endpointOverride(URI.create(env.get("REELGATE_STORAGE_S3_ENDPOINT")))
              .region(Region.of(env.get("REELGATE_STORAGE_S3_REGION")))
              .forcePathStyle(Boolean.parseBoolean(env.get("REELGATE_STORAGE_S3_PATH_STYLE")))
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(
                          env.get("REELGATE_STORAGE_S3_ACCESS_KEY"),
                          env.get("REELGATE_STORAGE_S3_SECRET_KEY"))))
              .build()) {
        for (String key : new String[] {"results/a.mp4", "results/a.jpg", "results/b.mp4"}) {
          s3.putObject(
              PutObjectRequest.builder()
                  .bucket(env.get("REELGATE_STORAGE_S3_BUCKET"))
                  .key(key)
                  .build(),
              RequestBody.fromBytes(new byte[1000]));
        }
      }

      assertThat(store.contents()).isEqualTo(new S3Store.Contents(3, 3000));
    }
  }
}
