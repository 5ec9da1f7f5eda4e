package org.atalaya.core.library;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.crypto.Secrets;

/**
 * The recording library's changes: notes, tags, the QA score, collections and share links. Each
 * change is audited with its actor; the caller (the web layer) has already checked the role and
 * that the recording is visible in the actor's tenant.
 */
public final class Library {
  public static final String BEST_PRACTICES = "best-practices";
  public static final List<String> COLLECTIONS = List.of(BEST_PRACTICES);
  public static final Duration MAX_SHARE = Duration.ofDays(30);

  /** A new share link and its secret token (shown once). */
  public record IssuedShare(Share share, String token) {}

  private final LibraryRepository repository;
  private final AuditLog audit;
  private final Clock clock;

  public Library(LibraryRepository repository, AuditLog audit, Clock clock) {
    this.repository = Objects.requireNonNull(repository);
    this.audit = Objects.requireNonNull(audit);
    this.clock = Objects.requireNonNull(clock);
  }

  public List<LibraryItem> search(String tenantId, String agentOrNull, RecordingQuery q, int offset, int limit) {
    return repository.search(tenantId, agentOrNull, q, offset, limit);
  }

  public List<Note> notes(String tenantId, String recordingId) {
    return repository.notes(tenantId, recordingId);
  }

  public Note addNote(String tenantId, String recordingId, long atMillis, String text, String actor, long durationMillis) {
    if (text == null || text.isBlank() || text.length() > 2000) {
      throw new IllegalArgumentException("text: write 1 to 2000 characters");
    }
    if (atMillis < 0 || (durationMillis > 0 && atMillis > durationMillis)) {
      throw new IllegalArgumentException("atMillis: between 0 and the recording's length (" + durationMillis + " ms)");
    }
    Note note = repository.addNote(tenantId, recordingId, atMillis, actor, text.strip(), clock.instant());
    audit(tenantId, actor, "note.add", recordingId, "note=" + note.id() + " at=" + atMillis + "ms");
    return note;
  }

  /** Deletes a note; only its author or an admin ({@code mayDeleteAny}) may. */
  public boolean deleteNote(String tenantId, String recordingId, long noteId, String actor, boolean mayDeleteAny) {
    Optional<Note> note = repository.note(tenantId, noteId).filter(n -> n.recordingId().equals(recordingId));
    if (note.isEmpty()) {
      return false;
    }
    if (!mayDeleteAny && !note.get().author().equals(actor)) {
      throw new SecurityException("only the note's author or an admin may delete it");
    }
    repository.deleteNote(tenantId, noteId);
    audit(tenantId, actor, "note.delete", recordingId, "note=" + noteId + " author=" + note.get().author());
    return true;
  }

  public List<Tag> tags(String tenantId, String recordingId) {
    return repository.tags(tenantId, recordingId);
  }

  public boolean addTag(String tenantId, String recordingId, Tag tag, String actor) {
    boolean added = repository.addTag(tenantId, recordingId, tag, actor, clock.instant());
    if (added) {
      audit(tenantId, actor, "tag.add", recordingId, tag.toString());
    }
    return added;
  }

  public boolean removeTag(String tenantId, String recordingId, Tag tag, String actor) {
    boolean removed = repository.removeTag(tenantId, recordingId, tag);
    if (removed) {
      audit(tenantId, actor, "tag.remove", recordingId, tag.toString());
    }
    return removed;
  }

  public void setScore(String tenantId, String recordingId, Integer score, String actor) {
    if (score != null && (score < 0 || score > 100)) {
      throw new IllegalArgumentException("score: 0 to 100, got " + score);
    }
    repository.setScore(tenantId, recordingId, score);
    audit(tenantId, actor, "score.set", recordingId, "score=" + score);
  }

  public List<String> collections(String tenantId, String recordingId) {
    return repository.collections(tenantId, recordingId);
  }

  public boolean inCollection(String tenantId, String recordingId, String collection) {
    return collections(tenantId, recordingId).contains(collection);
  }

  public void collect(String tenantId, String recordingId, String collection, boolean in, String actor) {
    if (!COLLECTIONS.contains(collection)) {
      throw new IllegalArgumentException("collection: use " + String.join(", ", COLLECTIONS));
    }
    boolean changed = in ? repository.addToCollection(tenantId, recordingId, collection, actor, clock.instant())
        : repository.removeFromCollection(tenantId, recordingId, collection);
    if (changed) {
      audit(tenantId, actor, in ? "collection.add" : "collection.remove", recordingId, "collection=" + collection);
    }
  }

  /** Issues a link valid for {@code validFor} (at most 30 days). */
  public IssuedShare share(String tenantId, String recordingId, Duration validFor, String actor) {
    if (validFor == null || validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_SHARE) > 0) {
      throw new IllegalArgumentException("hours: 1 to " + MAX_SHARE.toHours());
    }
    String token = Secrets.randomToken(32);
    Instant now = clock.instant();
    Share share = new Share(Secrets.randomToken(12), tenantId, recordingId, actor, now, now.plus(validFor), null);
    repository.insertShare(share, Secrets.sha256Hex(token));
    audit(tenantId, actor, "share.create", recordingId, "share=" + share.id() + " expires=" + share.expiresAt());
    return new IssuedShare(share, token);
  }

  /**
   * The share of a token if it is live. With {@code audited}, the use is written to the audit log,
   * refused ones included (a player's follow-up Range requests are not audited again).
   */
  public Optional<Share> openShare(String token, String from, boolean audited) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    Optional<Share> share = repository.shareByTokenHash(Secrets.sha256Hex(token));
    share.filter(s -> audited).ifPresent(s -> audit(s.tenantId(), "share:" + s.id(), s.liveAt(clock.instant()) ? "share.play" : "share.refused",
        s.recordingId(), "from=" + from + (s.revokedAt() != null ? " revoked" : "")
            + (clock.instant().isBefore(s.expiresAt()) ? "" : " expired")));
    return share.filter(s -> s.liveAt(clock.instant()));
  }

  /** Whether a token exists at all (to tell "expired" from "never existed"). */
  public boolean shareExists(String token) {
    return token != null && token.length() <= 100 && repository.shareByTokenHash(Secrets.sha256Hex(token)).isPresent();
  }

  public List<Share> shares(String tenantId, String recordingId) {
    return repository.shares(tenantId, recordingId);
  }

  public boolean revokeShare(String tenantId, String shareId, String actor) {
    boolean revoked = repository.revokeShare(tenantId, shareId, clock.instant());
    if (revoked) {
      audit(tenantId, actor, "share.revoke", "share:" + shareId, "");
    }
    return revoked;
  }

  private void audit(String tenantId, String actor, String action, String recordingIdOrTarget, String detail) {
    String target = recordingIdOrTarget.contains(":") ? recordingIdOrTarget : "recording:" + recordingIdOrTarget;
    audit.append(new AuditEvent(tenantId, clock.instant(), actor, action, target, detail));
  }
}
