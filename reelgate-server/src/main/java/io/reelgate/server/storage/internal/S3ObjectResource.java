package io.reelgate.server.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object of the store as a resource of known length. Its stream asks the store only when it is
 * first read, from the offset skipped to so far, so Spring's answer to a {@code Range} request
 * (skip to the start, copy the range) costs one ranged {@code GetObject}; a stream closed before
 * its end drops the connection instead of reading the rest.
 */
final class S3ObjectResource extends AbstractResource {
  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final long length;
  private final long lastModified;

  S3ObjectResource(S3Client s3, String bucket, String key, long length, long lastModified) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.length = length;
    this.lastModified = lastModified;
  }

  @Override
  public String getDescription() {
    return "stored result " + key;
  }

  @Override
  public String getFilename() {
    return key.substring(key.indexOf('/') + 1);
  }

  @Override
  public boolean exists() {
    return true;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public long lastModified() {
    return lastModified;
  }

  @Override
  public InputStream getInputStream() {
    return new Lazy();
  }

  private final class Lazy extends InputStream {
    private long offset;
    private ResponseInputStream<GetObjectResponse> body;
    private boolean ended;

    private InputStream body() throws IOException {
      if (body == null) {
        long from = offset;
        try {
          body =
              s3.getObject(
                  b -> {
                    b.bucket(bucket).key(key);
                    if (from > 0) {
                      b.range("bytes=" + from + "-");
                    }
                  });
        } catch (SdkException e) {
          throw new IOException("the result store did not send " + key, e);
        }
      }
      return body;
    }

    @Override
    public long skip(long n) throws IOException {
      if (body == null) {
        long step = Math.max(0, Math.min(n, length - offset));
        offset += step;
        return step;
      }
      return body.skip(n);
    }

    @Override
    public int read() throws IOException {
      if (offset >= length && body == null) {
        return -1;
      }
      int b = body().read();
      ended = b < 0;
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (offset >= length && body == null) {
        return -1;
      }
      int n = body().read(buffer, off, len);
      ended = n < 0;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (body != null) {
        if (!ended) {
          body.abort();
        }
        body.close();
      }
    }
  }
}
