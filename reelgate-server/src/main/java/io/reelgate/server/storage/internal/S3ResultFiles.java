package io.reelgate.server.storage.internal;

import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.engine.StorageUnavailableException;
import io.reelgate.server.storage.ResultFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Result files in a bucket of an S3-compatible store, under the same keys as on disk. Files up to
 * the part size go up in one {@code PutObject}; larger ones as a multipart upload of parts of that
 * size, read straight from the file (nothing is buffered whole). Every failure to store is reported
 * as {@link StorageUnavailableException}: a store that is down, throttles or is misconfigured is
 * waited for, not blamed on the task.
 */
public class S3ResultFiles implements ResultFiles, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(S3ResultFiles.class);

  /** The longest a SigV4 presigned URL may live. */
  static final Duration MAX_PRESIGN = Duration.ofDays(7);

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final long partSize;

  public S3ResultFiles(ReelgateSettings.S3 settings) {
    this.s3 = S3Clients.client(settings);
    this.presigner = S3Clients.presigner(settings);
    this.bucket = settings.bucket();
    // why: S3 refuses parts under 5 MiB (except the last)
    this.partSize = Math.max(5L * 1024 * 1024, settings.partSize().toBytes());
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (SdkException e) {
      log.warn(
          "the result bucket '{}' cannot be reached now ({}); tasks that store results wait for it",
          bucket,
          e.getMessage());
    }
  }

  @Override
  public String put(String taskId, String name, Path file) {
    String key = taskId + "/" + name;
    if (!ResultFiles.wellFormed(key)) {
      throw new IllegalArgumentException("bad key " + key);
    }
    String type = MediaTypes.of(name);
    try {
      long size = Files.size(file);
      if (size <= partSize) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(type), RequestBody.fromFile(file));
      } else {
        multipart(key, type, file, size);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (SdkException e) {
      throw new StorageUnavailableException("the result store did not take " + key, e);
    }
    return key;
  }

  private void multipart(String key, String type, Path file, long size) {
    String uploadId =
        s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(type)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int number = 1;
      for (long offset = 0; offset < size; offset += partSize, number++) {
        long length = Math.min(partSize, size - offset);
        int n = number;
        String etag =
            s3.uploadPart(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n),
                    RequestBody.fromContentProvider(
                        FileSlice.provider(file, offset, length), length, type))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
      }
      s3.completeMultipartUpload(
          b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      } catch (RuntimeException abortFailed) {
        // why: an upload left open is removed by the bucket's lifecycle rule for incomplete uploads
        e.addSuppressed(abortFailed);
      }
      throw e;
    }
  }

  @Override
  public Optional<Resource> find(String key) {
    if (!ResultFiles.wellFormed(key)) {
      return Optional.empty();
    }
    HeadObjectResponse head;
    try {
      head = s3.headObject(b -> b.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new StorageUnavailableException("the result store did not answer for " + key, e);
    } catch (SdkException e) {
      throw new StorageUnavailableException("the result store did not answer for " + key, e);
    }
    return Optional.of(
        new S3ObjectResource(
            s3,
            bucket,
            key,
            head.contentLength(),
            head.lastModified() == null ? 0 : head.lastModified().toEpochMilli()));
  }

  @Override
  public Optional<URI> presign(String key, Instant until) {
    Duration left = Duration.between(Instant.now(), until);
    if (left.compareTo(Duration.ofSeconds(1)) < 0) {
      left = Duration.ofSeconds(1);
    }
    Duration life = left.compareTo(MAX_PRESIGN) > 0 ? MAX_PRESIGN : left;
    try {
      return Optional.of(
          presigner
              .presignGetObject(
                  p -> p.signatureDuration(life).getObjectRequest(g -> g.bucket(bucket).key(key)))
              .url()
              .toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("the store made a malformed URL", e);
    }
  }

  @Override
  public void deleteAll(String taskId) {
    if (!ResultFiles.wellFormed(taskId + "/video.mp4")) {
      return;
    }
    try {
      for (S3Object o :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(taskId + "/")).contents()) {
        s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
      }
    } catch (SdkException e) {
      throw new StorageUnavailableException("could not delete the files of " + taskId, e);
    }
  }

  @Override
  public void destroy() {
    presigner.close();
    s3.close();
  }
}
