package org.atalaya.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every BlobStore must do; implemented once per backend, each test on an empty store. */
public interface BlobStoreContract {
  BlobStore store();

  /** A directory for the files handed to put. */
  Path scratch();

  /** Random bytes in a new scratch file. */
  default Path file(byte[] content) throws Exception {
    return Files.write(Files.createTempFile(scratch(), "blob", ".tmp"), content);
  }

  static byte[] random(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  default void putMovesTheFileAndReadsBackWhole() throws Exception {
    byte[] content = random(700_001, 1); // several read-ahead windows, not aligned to any
    Path source = file(content);
    store().put("default/2026/11/22/r1.pcm", source);
    assertThat(source).doesNotExist();
    try (InputStream in = Channels.newInputStream(store().open("default/2026/11/22/r1.pcm"))) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  default void seeksAnywhereAndReadsTheSameBytes() throws Exception {
    byte[] content = random(600_000, 2);
    store().put("seek.pcm", file(content));
    Random random = new Random(3);
    try (SeekableByteChannel ch = store().open("seek.pcm")) {
      for (int i = 0; i < 40; i++) {
        int at = random.nextInt(content.length);
        int length = 1 + random.nextInt(i % 2 == 0 ? 4096 : 300_000);
        ByteBuffer buf = ByteBuffer.allocate(length);
        ch.position(at);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // a read may return less than asked; keep going until the buffer or the blob ends
        }
        int expected = Math.min(length, content.length - at);
        assertThat(buf.position()).as("bytes read at %d", at).isEqualTo(expected);
        assertThat(Arrays.copyOf(buf.array(), expected)).isEqualTo(Arrays.copyOfRange(content, at, at + expected));
        assertThat(ch.position()).isEqualTo(at + expected);
      }
      ch.position(content.length);
      assertThat(ch.read(ByteBuffer.allocate(10))).isEqualTo(-1);
      ch.position(content.length + 1000L);
      assertThat(ch.read(ByteBuffer.allocate(10))).isEqualTo(-1);
      assertThat(ch.size()).isEqualTo(content.length);
    }
  }

  @Test
  default void sizeAndExists() throws Exception {
    assertThat(store().exists("a/size.pcm")).isFalse();
    store().put("a/size.pcm", file(random(12_345, 4)));
    assertThat(store().exists("a/size.pcm")).isTrue();
    assertThat(store().size("a/size.pcm")).isEqualTo(12_345);
    assertThat(store().exists("a")).as("a folder is not a blob").isFalse();
  }

  @Test
  default void emptyBlob() throws Exception {
    store().put("empty.pcm", file(new byte[0]));
    assertThat(store().size("empty.pcm")).isZero();
    try (SeekableByteChannel ch = store().open("empty.pcm")) {
      assertThat(ch.read(ByteBuffer.allocate(10))).isEqualTo(-1);
    }
  }

  @Test
  default void channelIsReadOnly() throws Exception {
    store().put("ro.pcm", file(random(10, 5)));
    try (SeekableByteChannel ch = store().open("ro.pcm")) {
      assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1))).isInstanceOf(NonWritableChannelException.class);
    }
  }

  @Test
  default void deleteSaysWhetherItExisted() throws Exception {
    store().put("gone.pcm", file(random(10, 6)));
    assertThat(store().delete("gone.pcm")).isTrue();
    assertThat(store().exists("gone.pcm")).isFalse();
    assertThat(store().delete("gone.pcm")).isFalse();
    assertThat(store().delete("never.pcm")).isFalse();
  }

  @Test
  default void missingBlobs() throws Exception {
    assertThatThrownBy(() -> store().open("missing.pcm")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> store().size("missing.pcm")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> store().put("missing.pcm", scratch().resolve("no-such-file")))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(store().exists("missing.pcm")).isFalse();
  }

  @Test
  default void putRefusesAnExistingKeyAndKeepsBoth() throws Exception {
    byte[] first = random(1000, 7);
    store().put("dup.pcm", file(first));
    Path second = file(random(2000, 8));
    assertThatThrownBy(() -> store().put("dup.pcm", second)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(second).as("the refused file is left for its owner").exists();
    try (InputStream in = Channels.newInputStream(store().open("dup.pcm"))) {
      assertThat(in.readAllBytes()).isEqualTo(first);
    }
  }

  @Test
  default void listsByPrefixInLexicalOrderAcrossPages() throws Exception {
    List<String> keys = List.of("t2/b.pcm", "t1/2026/11/22/c.pcm", "t1/2026/11/21/z.pcm", "t1/2026/11/22/a.pcm",
        "t1x.pcm", "t1/2026/11/22/b.pcm", "t1/2026/11/22/a.pcm.meta", "t1/2026/12/01/a.pcm");
    for (String key : keys) {
      store().put(key, file(key.getBytes()));
    }
    assertThat(store().list("")).isEqualTo(keys.stream().sorted().toList());
    assertThat(store().list("t1/")).containsExactly("t1/2026/11/21/z.pcm", "t1/2026/11/22/a.pcm",
        "t1/2026/11/22/a.pcm.meta", "t1/2026/11/22/b.pcm", "t1/2026/11/22/c.pcm", "t1/2026/12/01/a.pcm");
    assertThat(store().list("t1")).hasSize(7);
    assertThat(store().list("t1/2026/11/22/")).hasSize(4);
    assertThat(store().list("t3/")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../escape.pcm", "a/../../b.pcm", "/etc/passwd", "a\\b.pcm", "c:x.pcm", "a\0b",
      ".", "./a.pcm", "a/./b.pcm", "a//b.pcm", "a/", "x.pcm.part"})
  default void rejectsBadKeys(String key) throws Exception {
    Path source = file(new byte[] {1});
    assertThatThrownBy(() -> store().put(key, source)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().open(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().size(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().exists(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().delete(key)).isInstanceOf(IllegalArgumentException.class);
    assertThat(source).exists();
    assertThat(store().list("")).isEmpty();
  }

  @Test
  default void concurrentPutsOfDifferentKeys() throws Exception {
    int n = 24;
    List<Future<?>> puts = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        String key = "c/" + i + ".pcm";
        Path source = file(random(50_000 + i, 100 + i));
        puts.add(pool.submit(() -> {
          store().put(key, source);
          return null;
        }));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    }
    assertThat(store().list("c/")).hasSize(n);
    for (int i = 0; i < n; i++) {
      try (InputStream in = Channels.newInputStream(store().open("c/" + i + ".pcm"))) {
        assertThat(in.readAllBytes()).isEqualTo(random(50_000 + i, 100 + i));
      }
    }
  }
}
