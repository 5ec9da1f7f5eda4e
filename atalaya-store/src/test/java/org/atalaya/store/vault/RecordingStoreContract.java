package org.atalaya.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.media.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every RecordingStore must do; run once per blob backend under the encrypting store. */
public interface RecordingStoreContract {
  RecordingStore store();

  @Test
  default void writeFlushReadBack() throws Exception {
    RecordingSink sink = store().create("default", "2026/11/22/r1.pcm");
    sink.write(new byte[] {9, 1, 2, 3, 9}, 1, 3);
    sink.flush();
    sink.write(new byte[] {4, 5}, 0, 2);
    sink.close();
    assertThat(store().size("2026/11/22/r1.pcm")).isEqualTo(5);
    try (InputStream in = store().open("2026/11/22/r1.pcm", 0)) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3, 4, 5);
    }
    try (InputStream in = store().open("2026/11/22/r1.pcm", 3)) {
      assertThat(in.readAllBytes()).containsExactly(4, 5);
    }
  }

  @Test
  default void flushedDataIsReadableWhileStillRecording() throws Exception {
    byte[] audio = new byte[20_000];
    new java.util.Random(1).nextBytes(audio);
    RecordingSink sink = store().create("default", "live.pcm");
    sink.write(audio, 0, audio.length);
    sink.flush();
    // An encrypting store exposes whole segments only (4 KiB); a plain one everything flushed.
    long live = store().size("live.pcm");
    assertThat(live).isBetween((long) audio.length - 2 * 4096, (long) audio.length);
    try (InputStream in = store().open("live.pcm", 0)) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOf(audio, (int) live));
    }
    sink.close();
    assertThat(store().size("live.pcm")).isEqualTo(audio.length);
  }

  @Test
  default void createFailsWhenKeyExists() throws Exception {
    store().create("default", "dup.pcm").close();
    assertThatThrownBy(() -> store().create("default", "dup.pcm")).isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  default void deleteAndAbsentBlobs() throws Exception {
    store().create("default", "gone.pcm").close();
    assertThat(store().delete("gone.pcm")).isTrue();
    assertThat(store().delete("gone.pcm")).isFalse();
    assertThatThrownBy(() -> store().size("gone.pcm")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> store().open("gone.pcm", 0)).isInstanceOf(NoSuchFileException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape.pcm", "a/../../b.pcm", "/etc/passwd", "a\\b.pcm", ""})
  default void rejectsKeysOutsideTheStore(String key) {
    assertThatThrownBy(() -> store().create("default", key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().open(key, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().size(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().delete(key)).isInstanceOf(IllegalArgumentException.class);
  }
}
