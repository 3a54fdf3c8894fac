package io.reelgate.server.storage;

import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.storage.internal.LocalResultFiles;
import io.reelgate.server.storage.internal.S3ResultFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses where results are kept: an S3-compatible bucket when {@code REELGATE_STORAGE_S3_BUCKET}
 * is set, else the data directory.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

  @Bean
  ResultFiles resultFiles(ReelgateSettings settings) {
    if (settings.storage().s3Selected()) {
      return new S3ResultFiles(settings.storage().s3());
    }
    return new LocalResultFiles(settings.dataDir());
  }
}
