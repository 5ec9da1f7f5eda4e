package org.atalaya.store.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Purpose keys derived from the master key, and loading without creating. */
class MasterKeyDeriveTest {
  @TempDir Path dir;

  @Test
  void hkdfMatchesRfc5869TestCase3() {
    // RFC 5869 A.3: SHA-256, IKM 22 x 0x0b, no salt, no info; the first 32 bytes of the OKM.
    byte[] ikm = new byte[22];
    Arrays.fill(ikm, (byte) 0x0b);
    assertThat(HexFormat.of().formatHex(MasterKey.hkdf(ikm, new byte[0])))
        .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
  }

  @Test
  void aPurposeKeyIsStablePerKeyAndPurposeAndDiffersOtherwise() throws Exception {
    String encoded = MasterKey.generate();
    MasterKey a = MasterKey.load(encoded, dir.resolve("unused"));
    MasterKey sameKey = MasterKey.load(encoded, dir.resolve("unused"));
    assertThat(a.derive("audit")).hasSize(32).isEqualTo(sameKey.derive("audit"));
    assertThat(a.derive("audit")).isNotEqualTo(a.derive("other"));
    assertThat(a.derive("audit")).isNotEqualTo(MasterKey.ephemeral().derive("audit"));
    assertThat(a.derive("audit")).isNotEqualTo(java.util.Base64.getDecoder().decode(encoded));
  }

  @Test
  void loadIfPresentNeverCreatesAFile() throws Exception {
    Path file = dir.resolve("master.key");
    assertThat(MasterKey.loadIfPresent(null, file)).isEmpty();
    assertThat(Files.exists(file)).isFalse();
    assertThat(MasterKey.loadIfPresent(MasterKey.generate(), file)).isPresent();
    MasterKey.load(null, file);
    assertThat(MasterKey.loadIfPresent("", file)).isPresent();
  }
}
