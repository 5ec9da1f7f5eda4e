package org.atalaya.store.blob;

import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server in this JVM: s3proxy over its in-memory ("transient") store, on a free
 * loopback port, with signed requests required, so the SDK's signing and error paths run as
 * against a real bucket.
 */
public final class S3ProxyServer implements AutoCloseable {
  private static final String ACCESS = "atalaya-test";
  private static final String SECRET = "atalaya-test-secret";

  private final S3Proxy proxy;
  private final URI endpoint;
  private final String bucket = "atalaya-" + UUID.randomUUID();

  private S3ProxyServer(S3Proxy proxy, URI endpoint) {
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  /** Starts the server and creates one bucket in it. */
  public static S3ProxyServer start() throws Exception {
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(BlobStores.create("transient", new Properties()))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    S3ProxyServer server = new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    try (S3Client admin = server.client()) {
      admin.createBucket(b -> b.bucket(server.bucket));
    }
    return server;
  }

  /** Settings for a store under {@code prefix} in the test bucket. */
  public S3Settings settings(String prefix) {
    return new S3Settings(endpoint, "us-east-1", bucket, prefix, ACCESS, SECRET, true);
  }

  /** A plain SDK client on the server, to look behind the store's back. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
        .build();
  }

  public String bucket() {
    return bucket;
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
