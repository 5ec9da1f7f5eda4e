package org.atalaya.core.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.crypto.Secrets;
import org.atalaya.core.recording.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes recordings: by retention (the daily purge), on an erasure request, or one by one by an
 * admin. Every deletion destroys the recording's key and audio ({@link RecordingStore#delete}:
 * crypto-erasure), keeps the metadata row as a tombstone, and is audited. A recording under an
 * active legal hold is never deleted: the purge skips it, a request names the hold.
 */
public final class RetentionService {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
  private final RetentionRepository repository;
  private final RecordingStore store;
  private final AuditLog audit;
  private final Clock clock;

  public RetentionService(RetentionRepository repository, RecordingStore store, AuditLog audit, Clock clock) {
    this.repository = Objects.requireNonNull(repository);
    this.store = Objects.requireNonNull(store);
    this.audit = Objects.requireNonNull(audit);
    this.clock = Objects.requireNonNull(clock);
  }

  /** What a purge did. */
  public record PurgeResult(int deleted, int held, int failed) {}

  /** Deletes every recording older than its tenant's (or queue's) retention, except held ones. */
  public PurgeResult purge(boolean dryRun) {
    Instant now = clock.instant();
    int deleted = 0;
    int held = 0;
    int failed = 0;
    for (String tenant : repository.tenantsWithRetention()) {
      Map<String, Integer> days = repository.retention(tenant);
      int shortest = days.values().stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
      List<LegalHold> holds = repository.holds(tenant, true);
      for (Held r : repository.recordedBefore(tenant, now.minus(Duration.ofDays(shortest)))) {
        Integer keep = r.queue() != null && days.containsKey(r.queue()) ? days.get(r.queue()) : days.get("");
        if (keep == null || !r.startedAt().isBefore(now.minus(Duration.ofDays(keep)))) {
          continue;
        }
        Optional<LegalHold> hold = holds.stream().filter(h -> h.covers(r.callId(), r.agent())).findFirst();
        if (hold.isPresent()) {
          held++;
          continue;
        }
        if (dryRun) {
          deleted++;
          continue;
        }
        try {
          delete(r, "system", "retention", "reason=retention days=" + keep);
          deleted++;
        } catch (IOException | RuntimeException e) {
          failed++;
          LOG.error("retention: recording {} could not be deleted", r.recordingId(), e);
        }
      }
    }
    LOG.info("retention purge{}: {} deleted, {} kept under legal hold, {} failed", dryRun ? " (dry run)" : "",
        deleted, held, failed);
    return new PurgeResult(deleted, held, failed);
  }

  /** Deletes one recording (admin); refused with the hold named when one covers it. */
  public void deleteOne(String tenantId, String recordingId, String actor) throws IOException {
    Held r = repository.recording(tenantId, recordingId)
        .orElseThrow(() -> new java.util.NoSuchElementException("recording"));
    Optional<LegalHold> hold = holdOn(r);
    if (hold.isPresent()) {
      throw new HeldException(hold.get());
    }
    delete(r, actor, "manual", "reason=manual");
  }

  /** A receipt for an erasure request. */
  public record Receipt(String id, String text, String sha256, int erased, int held) {}

  /**
   * Erases every recording of the tenant matching the request (by caller number, or by ids) that
   * no legal hold covers, and returns a receipt listing what was erased (with each recording's
   * SHA-256 at finalize) and what was kept because of which hold.
   */
  public Receipt erase(String tenantId, String number, List<String> recordingIds, String actor) throws IOException {
    List<Held> targets = new ArrayList<>();
    if (number != null) {
      targets.addAll(repository.recordedFrom(tenantId, number));
    }
    if (recordingIds != null) {
      for (String id : recordingIds) {
        repository.recording(tenantId, id).ifPresent(targets::add);
      }
    }
    String requestId = UUID.randomUUID().toString();
    Instant at = clock.instant();
    StringBuilder text = new StringBuilder()
        .append("Atalaya erasure receipt\n")
        .append("request: ").append(requestId).append('\n')
        .append("tenant: ").append(tenantId).append('\n')
        .append("requested by: ").append(actor).append('\n')
        .append("at: ").append(at).append('\n')
        .append("criteria: ").append(number != null ? "caller " + number : "")
        .append(recordingIds != null && !recordingIds.isEmpty() ? " recordings " + recordingIds : "").append('\n')
        .append("method: the recording's data key was destroyed (crypto-erasure), then its audio deleted\n");
    int erased = 0;
    int held = 0;
    for (Held r : targets.stream().distinct().toList()) {
      Optional<LegalHold> hold = holdOn(r);
      if (hold.isPresent()) {
        held++;
        text.append("kept ").append(r.recordingId()).append(" call ").append(r.callId()).append(": under ")
            .append(hold.get().label()).append('\n');
        continue;
      }
      delete(r, actor, "erasure", "reason=erasure request=" + requestId);
      erased++;
      text.append("erased ").append(r.recordingId()).append(" call ").append(r.callId()).append(" started ")
          .append(r.startedAt()).append(" sha256 ").append(r.sha256()).append('\n');
    }
    text.append("total: ").append(erased).append(" erased, ").append(held).append(" kept under legal hold\n");
    String sha = Secrets.sha256Hex(text.toString());
    repository.saveReceipt(requestId, tenantId, actor, at, text.toString(), sha);
    audit.append(new AuditEvent(tenantId, at, actor, "erasure.request", "erasure:" + requestId,
        "erased=" + erased + " held=" + held + " receipt-sha256=" + sha));
    return new Receipt(requestId, text.toString(), sha, erased, held);
  }

  /** Places a hold (audited). */
  public LegalHold hold(LegalHold request, String actor) {
    long id = repository.addHold(request);
    audit.append(new AuditEvent(request.tenantId(), clock.instant(), actor, "hold.place", "hold:" + id,
        request.kind() + " " + request.target() + " reason=" + request.reason()));
    return repository.holds(request.tenantId(), false).stream().filter(h -> h.id() == id).findFirst().orElseThrow();
  }

  /** Releases a hold (audited); false if no such active hold. */
  public boolean release(String tenantId, long id, String actor) {
    boolean released = repository.releaseHold(tenantId, id, actor, clock.instant());
    if (released) {
      audit.append(new AuditEvent(tenantId, clock.instant(), actor, "hold.release", "hold:" + id, ""));
    }
    return released;
  }

  public List<LegalHold> holds(String tenantId, boolean activeOnly) {
    return repository.holds(tenantId, activeOnly);
  }

  public Map<String, Integer> retention(String tenantId) {
    return repository.retention(tenantId);
  }

  /** Replaces the retention policy (audited with before and after). */
  public void setRetention(String tenantId, Map<String, Integer> days, String actor) {
    days.forEach((queue, d) -> {
      if (d == null || d < 1 || d > 36_500) {
        throw new IllegalArgumentException("days for " + (queue.isEmpty() ? "the tenant" : "queue " + queue)
            + " must be 1..36500, got " + d);
      }
    });
    Map<String, Integer> before = repository.retention(tenantId);
    repository.saveRetention(tenantId, days, actor, clock.instant());
    audit.append(new AuditEvent(tenantId, clock.instant(), actor, "policy.retention", "retention-policy",
        "before: " + before + " | after: " + days));
  }

  public Optional<String> receipt(String tenantId, String id) {
    return repository.receipt(tenantId, id);
  }

  private Optional<LegalHold> holdOn(Held r) {
    return repository.holds(r.tenantId(), true).stream().filter(h -> h.covers(r.callId(), r.agent())).findFirst();
  }

  private void delete(Held r, String actor, String reason, String detail) throws IOException {
    store.delete(r.storageKey());
    repository.markDeleted(r.recordingId(), clock.instant(), reason);
    audit.append(new AuditEvent(r.tenantId(), clock.instant(), actor, "recording.delete", "recording:" + r.recordingId(),
        "call=" + r.callId() + " " + detail + " sha256=" + r.sha256()));
  }

  /** A deletion refused because a legal hold covers the recording. */
  public static final class HeldException extends RuntimeException {
    private final transient LegalHold hold;

    public HeldException(LegalHold hold) {
      super("the recording is under legal " + hold.label() + ": release the hold first");
      this.hold = hold;
    }

    public LegalHold hold() {
      return hold;
    }
  }
}
