package org.atalaya.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The BlobStore contract on S3 (s3proxy in-process), each test under its own prefix. */
class S3BlobStoreTest implements BlobStoreContract {
  private static S3ProxyServer server;
  @TempDir Path dir;
  private String prefix;
  private S3BlobStore store;

  @BeforeAll
  static void start() throws Exception {
    server = S3ProxyServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void open() {
    prefix = "node-" + UUID.randomUUID();
    // Pages of 3 keys, so the listing test crosses several continuation tokens.
    store = new S3BlobStore(server.settings(prefix), 3);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  public BlobStore store() {
    return store;
  }

  @Override
  public Path scratch() {
    return dir;
  }

  @Test
  void sequentialReadsAreServedFromTheReadAhead() throws Exception {
    int size = 1024 * 1024 + 17;
    store.put("seq.pcm", file(BlobStoreContract.random(size, 9)));
    long before = store.rangedGets();
    try (SeekableByteChannel ch = store.open("seq.pcm")) {
      ByteBuffer buf = ByteBuffer.allocate(4096); // Tink's segment size
      long total = 0;
      for (int n; (n = ch.read(buf)) >= 0; buf.clear()) {
        total += n;
      }
      assertThat(total).isEqualTo(size);
    }
    long windows = (size + S3ReadChannel.READ_AHEAD - 1) / S3ReadChannel.READ_AHEAD;
    assertThat(store.rangedGets() - before).isEqualTo(windows);
  }

  @Test
  void keysLiveUnderThePrefixAndListRelativeToIt() throws Exception {
    store.put("t/a.pcm", file(new byte[] {1}));
    try (S3Client client = server.client();
        S3BlobStore other = new S3BlobStore(server.settings(prefix + "-other"))) {
      assertThat(client.headObject(b -> b.bucket(server.bucket()).key(prefix + "/t/a.pcm")).contentLength()).isEqualTo(1);
      assertThat(other.list("")).isEmpty();
      assertThat(other.exists("t/a.pcm")).isFalse();
    }
    assertThat(store.list("")).containsExactly("t/a.pcm");
  }

  @Test
  void theConditionalPutRefusesAKeyThatAppearedAfterTheHeadCheck() throws Exception {
    try (S3Client client = server.client()) {
      client.putObject(r -> r.bucket(server.bucket()).key(prefix + "/race.pcm"), RequestBody.fromBytes(new byte[] {7}));
    }
    // Straight to the PUT, as if another writer got in between our HEAD and it: only If-None-Match
    // can refuse it now (s3proxy honours it as AWS does).
    Path late = file(BlobStoreContract.random(1000, 10));
    assertThatThrownBy(() -> store.upload(prefix + "/race.pcm", late, 1000, true))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(store.size("race.pcm")).isEqualTo(1);
  }

  @Test
  void concurrentPutsOfOneKeyLetExactlyOneWin() throws Exception {
    int n = 16;
    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sources.add(file(BlobStoreContract.random(200_000, 20 + i)));
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> puts = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Path source : sources) {
        puts.add(pool.submit(() -> {
          go.await();
          try {
            store.put("same.pcm", source);
            return true;
          } catch (FileAlreadyExistsException e) {
            return false;
          }
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> put : puts) {
        won += put.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    }
    Path winner = sources.stream().filter(p -> !Files.exists(p)).findFirst().orElseThrow();
    assertThat(sources.stream().filter(Files::exists)).hasSize(n - 1);
    try (InputStream in = Channels.newInputStream(store.open("same.pcm"))) {
      assertThat(in.readAllBytes()).isEqualTo(BlobStoreContract.random(200_000, 20 + sources.indexOf(winner)));
    }
  }

  @Test
  void aMissingBucketIsAnIOExceptionNotAMissingBlob() throws Exception {
    S3Settings s = server.settings("");
    try (S3BlobStore nowhere = new S3BlobStore(new S3Settings(s.endpoint(), s.region(), "no-such-bucket", "",
        s.accessKey(), s.secretKey(), true))) {
      Path source = file(new byte[] {1});
      assertThatThrownBy(() -> nowhere.put("x.pcm", source)).isInstanceOf(IOException.class);
      assertThat(source).exists();
      assertThatThrownBy(() -> nowhere.list("")).isInstanceOf(IOException.class);
    }
  }

  @Test
  void anUnreachableServerIsAnIOException() throws Exception {
    S3Settings s = server.settings("");
    S3Settings down = new S3Settings(java.net.URI.create("http://127.0.0.1:1"), s.region(), s.bucket(), "",
        s.accessKey(), s.secretKey(), true);
    try (S3BlobStore unreachable = new S3BlobStore(down)) {
      Path source = file(new byte[] {1});
      // The encrypting store keeps the recording in its spool only when put throws an IOException.
      assertThatThrownBy(() -> unreachable.put("x.pcm", source)).isInstanceOf(IOException.class);
      assertThat(source).exists();
    }
  }

  @Test
  void settingsHideTheSecretAndNormalizeThePrefix() {
    S3Settings s = new S3Settings(null, "eu-west-1", "b", "/atalaya/node1/", "AK", "very-secret", false);
    assertThat(s.toString()).doesNotContain("very-secret").contains("AK");
    assertThat(s.prefix()).isEqualTo("atalaya/node1/");
    assertThat(new S3Settings(null, "eu-west-1", "b", null, null, null, false).prefix()).isEmpty();
    assertThatThrownBy(() -> new S3Settings(null, "eu-west-1", "b", "a/../b", null, null, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S3Settings(null, "eu-west-1", " ", "", null, null, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S3Settings(null, "eu-west-1", "b", "", "AK", null, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
