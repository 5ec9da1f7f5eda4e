package org.atalaya.store.blob;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage...), each key under
 * the configured prefix. Reads are ranged GETs behind a read-ahead buffer, so a recording is
 * played or verified without downloading it first.
 *
 * <p>Every SDK failure surfaces as an IOException: the encrypting store above keeps a recording
 * in its spool when {@link #put} throws one, and an unchecked SdkClientException (the server is
 * down) would skip that and lose track of the recording.
 *
 * <p>Threading: safe for concurrent use, as the S3 client is; each opened channel belongs to one
 * reader.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
  /** ListObjectsV2's own maximum. */
  static final int MAX_PAGE = 1000;
  /** User metadata (x-amz-meta-atalaya-upload) naming the put that wrote an object. */
  static final String UPLOAD_TOKEN = "atalaya-upload";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int pageSize;
  private final AtomicLong rangedGets = new AtomicLong();
  /** Cleared at the first 501 to If-None-Match, so a server without conditional writes is asked once. */
  private volatile boolean conditionalPut = true;

  public S3BlobStore(S3Settings settings) {
    this(settings, MAX_PAGE);
  }

  /** With a smaller listing page, so tests cross page boundaries with a handful of keys. */
  S3BlobStore(S3Settings settings, int pageSize) {
    this.bucket = settings.bucket();
    this.prefix = settings.prefix();
    this.pageSize = pageSize;
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(settings.region()))
        .forcePathStyle(settings.pathStyle())
        // One blocking client on virtual threads; timeouts so a dead server fails a call, not hangs it.
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build())
        // Since SDK 2.30 uploads carry CRC trailers in aws-chunked bodies by default, which many
        // S3-compatible servers reject; ask for checksums only where the API requires them.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(settings.accessKey() == null
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    this.s3 = builder.build();
  }

  @Override
  public void put(String key, Path file) throws IOException {
    String object = object(key);
    long length = Files.size(file); // NoSuchFileException before any request
    // The HEAD gives a clear FileAlreadyExistsException on servers that ignore If-None-Match. On
    // those, two writers racing between HEAD and PUT both succeed and the last one wins; keys are
    // unique per recording, so that takes a bug elsewhere. Where If-None-Match is honoured (AWS
    // since 2024, s3proxy) the PUT itself refuses to overwrite.
    if (exists(key)) {
      throw new FileAlreadyExistsException(key);
    }
    try {
      try {
        upload(object, file, length, conditionalPut);
      } catch (S3Exception e) {
        if (e.statusCode() != 501 || !conditionalPut) {
          throw e;
        }
        conditionalPut = false;
        upload(object, file, length, false);
      }
    } catch (SdkException e) {
      throw failure("put", key, e);
    }
    // Like FileBlobStore's move: the spooled file is gone once the blob is safe.
    Files.delete(file);
  }

  // Package-private so a test can reach the conditional PUT past the HEAD check.
  void upload(String object, Path file, long length, boolean conditional) throws IOException {
    // The SDK retries a PUT whose response was lost; the retry then meets the object the first
    // attempt wrote and gets 412. A token in the object's metadata tells our own write from another's.
    String token = UUID.randomUUID().toString();
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(object).contentLength(length)
        .metadata(Map.of(UPLOAD_TOKEN, token));
    if (conditional) {
      request.ifNoneMatch("*");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        s3.putObject(request.build(), RequestBody.fromFile(file));
        return;
      } catch (S3Exception e) {
        if (conditional && e.statusCode() == 412) {
          if (token.equals(uploadToken(object))) {
            return;
          }
          throw new FileAlreadyExistsException(object.substring(prefix.length()));
        }
        // 409: AWS's answer while another conditional write of the key is in flight; it asks for a retry,
        // which then gets 412 or succeeds.
        if (!conditional || e.statusCode() != 409 || attempt == 5) {
          throw e;
        }
        pause(attempt * 50L);
      }
    }
  }

  private String uploadToken(String object) {
    try {
      return s3.headObject(b -> b.bucket(bucket).key(object)).metadata().get(UPLOAD_TOKEN);
    } catch (S3Exception e) {
      return null; // deleted since: in any case not ours to claim
    }
  }

  private static void pause(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while retrying a PUT");
    }
  }

  @Override
  public SeekableByteChannel open(String key) throws IOException {
    return new S3ReadChannel(this, key, object(key), head(key).contentLength());
  }

  @Override
  public long size(String key) throws IOException {
    return head(key).contentLength();
  }

  @Override
  public boolean exists(String key) throws IOException {
    try {
      head(key);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  @Override
  public boolean delete(String key) throws IOException {
    // DELETE answers 204 whether or not the object was there, so ask first. Two concurrent deletes
    // of one key may both report true; the vault deletes a recording from one place only.
    if (!exists(key)) {
      return false;
    }
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(object(key)));
      return true;
    } catch (SdkException e) {
      throw failure("delete", key, e);
    }
  }

  @Override
  public List<String> list(String keyPrefix) throws IOException {
    List<String> keys = new ArrayList<>();
    ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
        .bucket(bucket).prefix(prefix + keyPrefix).maxKeys(pageSize);
    try {
      ListObjectsV2Response page;
      do {
        page = s3.listObjectsV2(request.build());
        for (S3Object o : page.contents()) {
          keys.add(o.key().substring(prefix.length()));
        }
        request.continuationToken(page.nextContinuationToken());
      } while (Boolean.TRUE.equals(page.isTruncated()));
    } catch (SdkException e) {
      throw failure("list", keyPrefix, e);
    }
    // S3 orders by UTF-8 bytes, String.compareTo by UTF-16 units; they differ above U+FFFF, and
    // callers expect the same order as FileBlobStore's.
    keys.sort(null);
    return keys;
  }

  /** Closes the HTTP client. */
  @Override
  public void close() {
    s3.close();
  }

  /** Ranged GETs issued so far by this store's channels; tests check the read-ahead with it. */
  long rangedGets() {
    return rangedGets.get();
  }

  /** Reads {@code length} bytes at {@code position} of an object into {@code into}; length > 0. */
  void readRange(String key, String object, long position, byte[] into, int length) throws IOException {
    rangedGets.incrementAndGet();
    String range = "bytes=" + position + "-" + (position + length - 1);
    try (var in = s3.getObject(b -> b.bucket(bucket).key(object).range(range))) {
      int n = in.readNBytes(into, 0, length);
      if (n != length) {
        throw new IOException("blob " + key + " ended after " + (position + n) + " bytes; it changed while being read");
      }
    } catch (SdkException e) {
      throw failure("read", key, e);
    }
  }

  private HeadObjectResponse head(String key) throws IOException {
    try {
      return s3.headObject(b -> b.bucket(bucket).key(object(key)));
    } catch (SdkException e) {
      throw failure("head", key, e);
    }
  }

  private String object(String key) {
    return prefix + BlobKeys.check(key);
  }

  /** The IOException for a failed request: NoSuchFileException for a missing object. */
  private IOException failure(String operation, String key, SdkException e) {
    if (e instanceof S3Exception s3e && s3e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(s3e))) {
      return new NoSuchFileException(key);
    }
    if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
      InterruptedIOException interrupted = new InterruptedIOException("S3 " + operation + " of " + key + " interrupted");
      interrupted.initCause(e);
      return interrupted;
    }
    return new IOException("S3 " + operation + " of '" + key + "' in bucket " + bucket + " failed: " + e.getMessage(), e);
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }
}
