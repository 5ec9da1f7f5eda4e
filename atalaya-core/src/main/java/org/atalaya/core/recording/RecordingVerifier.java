package org.atalaya.core.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Checks every finished recording against the SHA-256 and size stored when it was finalized, by
 * reading (and so decrypting and authenticating) its whole audio: {@code atalaya verify}.
 */
public final class RecordingVerifier {
  private static final int PAGE = 500;
  private final RecordingRepository repository;
  private final RecordingStore store;

  public RecordingVerifier(RecordingRepository repository, RecordingStore store) {
    this.repository = Objects.requireNonNull(repository);
    this.store = Objects.requireNonNull(store);
  }

  /** What was found for one recording. */
  public enum Verdict {
    /** Audio present, authentic, and hashing to the stored SHA-256. */
    OK,
    /** The audio decrypts but its hash or size differs from what was stored: changed after finalize. */
    TAMPERED,
    /** The ciphertext fails authentication: bytes of the blob were changed. */
    CORRUPT,
    /** No blob or no key for a recording that should have one. */
    MISSING,
    /** Still recording, or deleted: nothing to check. */
    SKIPPED
  }

  /** One line of the report. */
  public record Finding(RecordingInfo recording, Verdict verdict, String detail) {}

  /** Totals of a run. */
  public record Summary(int ok, int tampered, int corrupt, int missing, int skipped) {
    public boolean intact() {
      return tampered == 0 && corrupt == 0 && missing == 0;
    }
  }

  /** Verifies every recording of every tenant, reporting each finding as it goes. */
  public Summary verifyAll(Consumer<Finding> report) {
    int[] counts = new int[Verdict.values().length];
    String after = null;
    while (true) {
      List<RecordingInfo> page = repository.scanAllTenants(after, PAGE);
      for (RecordingInfo r : page) {
        Finding f = verify(r);
        counts[f.verdict().ordinal()]++;
        report.accept(f);
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.getLast().id();
    }
    return new Summary(counts[0], counts[1], counts[2], counts[3], counts[4]);
  }

  /** Verifies one recording. */
  public Finding verify(RecordingInfo r) {
    if (r.status() == RecordingInfo.Status.RECORDING || r.status() == RecordingInfo.Status.DELETED) {
      return new Finding(r, Verdict.SKIPPED, r.status().name().toLowerCase(java.util.Locale.ROOT));
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long size;
    try (InputStream in = new DigestInputStream(store.open(r.storageKey(), 0), digest)) {
      size = in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      return new Finding(r, Verdict.MISSING, "no audio or no key: " + e.getMessage());
    } catch (IOException e) {
      return new Finding(r, Verdict.CORRUPT, "does not decrypt: " + e.getMessage());
    }
    String hex = HexFormat.of().formatHex(digest.digest());
    if (!hex.equals(r.sha256()) || size != r.sizeBytes()) {
      return new Finding(r, Verdict.TAMPERED,
          "stored sha256 " + r.sha256() + " size " + r.sizeBytes() + ", found " + hex + " size " + size);
    }
    return new Finding(r, Verdict.OK, "");
  }
}
