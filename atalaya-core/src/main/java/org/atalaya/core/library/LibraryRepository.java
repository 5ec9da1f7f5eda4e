package org.atalaya.core.library;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The library's metadata. Every method is scoped by tenant; {@code agentOrNull} restricts a
 * search to one agent's recordings plus those in the best-practices collection (what an agent
 * may see). Deleted recordings are never listed.
 */
public interface LibraryRepository {
  /** Newest first; returns up to {@code limit} items. */
  List<LibraryItem> search(String tenantId, String agentOrNull, RecordingQuery query, int offset, int limit);

  List<Note> notes(String tenantId, String recordingId);

  Note addNote(String tenantId, String recordingId, long atMillis, String author, String text, Instant at);

  Optional<Note> note(String tenantId, long noteId);

  boolean deleteNote(String tenantId, long noteId);

  List<Tag> tags(String tenantId, String recordingId);

  /** False if the recording already had the tag. */
  boolean addTag(String tenantId, String recordingId, Tag tag, String by, Instant at);

  boolean removeTag(String tenantId, String recordingId, Tag tag);

  /** Sets (or clears, with null) the QA score; false if the recording is not in the tenant. */
  boolean setScore(String tenantId, String recordingId, Integer score);

  List<String> collections(String tenantId, String recordingId);

  boolean addToCollection(String tenantId, String recordingId, String collection, String by, Instant at);

  boolean removeFromCollection(String tenantId, String recordingId, String collection);

  void insertShare(Share share, String tokenHash);

  /** Any tenant: the token is the credential. */
  Optional<Share> shareByTokenHash(String tokenHash);

  List<Share> shares(String tenantId, String recordingId);

  boolean revokeShare(String tenantId, String shareId, Instant at);
}
