package io.reelgate.server.storage.internal;

import io.reelgate.server.config.ReelgateSettings;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 client and presigner of the configured store. */
final class S3Clients {
  private S3Clients() {}

  static S3Client client(ReelgateSettings.S3 s) {
    var builder =
        S3Client.builder()
            .region(Region.of(s.region()))
            .credentialsProvider(credentials(s))
            .forcePathStyle(s.pathStyle())
            // why: many S3-compatible stores do not know the checksums the SDK adds by default
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60)));
    if (!s.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(s.endpoint()));
    }
    return builder.build();
  }

  static S3Presigner presigner(ReelgateSettings.S3 s) {
    var builder =
        S3Presigner.builder()
            .region(Region.of(s.region()))
            .credentialsProvider(credentials(s))
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build());
    if (!s.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(s.endpoint()));
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(ReelgateSettings.S3 s) {
    if (s.accessKey().isBlank()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(s.accessKey(), s.secretKey()));
  }
}
