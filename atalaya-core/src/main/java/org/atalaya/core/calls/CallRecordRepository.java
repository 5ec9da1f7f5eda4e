package org.atalaya.core.calls;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores call detail records. Every read takes the tenant. */
public interface CallRecordRepository {
  void insert(CallRecord record);

  Optional<CallRecord> byId(String tenantId, String id);

  /** Whether the tenant has any earlier call from {@code fromNumber} (a known customer). */
  boolean hasCallsFrom(String tenantId, String fromNumber);

  /**
   * The tenant's calls that arrived in [from, to), oldest first, each with its agent segments:
   * what the KPIs are computed from.
   */
  List<CallRecord> startedBetween(String tenantId, Instant from, Instant to);

  /** The tenant's calls, newest first; {@code agentExtension} null for all agents. */
  List<CallRecord> list(String tenantId, String agentExtension, int offset, int limit);

  /** The tenant's voicemail messages ({@link Disposition#VOICEMAIL}), newest first; {@code box} null for all. */
  List<CallRecord> voicemails(String tenantId, String box, int offset, int limit);
}
