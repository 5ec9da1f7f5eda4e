package org.atalaya.store.vault;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;

/** Registers the Tink primitives the vault uses, once per JVM. */
final class Vault {
  private static volatile boolean registered;

  private Vault() {}

  static void register() {
    if (registered) {
      return;
    }
    synchronized (Vault.class) {
      try {
        AeadConfig.register();
        StreamingAeadConfig.register();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Tink cannot register AEAD primitives", e);
      }
      registered = true;
    }
  }
}
