package org.atalaya.core.library;

import java.time.Instant;

/** A note at a moment of a recording ("the agent promises a refund here"). */
public record Note(long id, String recordingId, long atMillis, String author, String text, Instant createdAt) {}
