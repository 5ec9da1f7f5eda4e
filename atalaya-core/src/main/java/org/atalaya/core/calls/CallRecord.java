package org.atalaya.core.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The call detail record (CDR) of one customer call, written when the call ends.
 *
 * @param id Atalaya's call id (a UUID string)
 * @param tenantId the tenant
 * @param sipCallId the customer leg's SIP Call-ID
 * @param fromNumber caller's number (From user part)
 * @param fromName caller's display name, or empty
 * @param toNumber dialled number
 * @param queue the queue it waited in
 * @param agentExtension the agent who answered, or null
 * @param startedAt when the INVITE arrived
 * @param answeredAt when the agent answered, or null
 * @param endedAt when it ended
 * @param disposition how it ended
 * @param endedBy "customer", "agent" or "system"
 * @param recordingId the recording, or null
 * @param consent the recording consent outcome: NOT_REQUIRED, ANNOUNCED or OPTED_OUT; null when unknown
 * @param queuedAt when it entered a queue (after the IVR and any notice), or null if it never did
 *     or was stored before this was kept (then the KPIs take {@code startedAt})
 * @param holdSeconds seconds the customer spent on hold while connected
 * @param transfers how many times an agent handed the caller on to another agent
 * @param segments each agent's time with the caller, in order; {@code agentExtension} is the
 *     first. A read of one call ({@code byId}) and the KPIs' read ({@code startedBetween}) fill it;
 *     the paged lists leave it empty.
 * @param csat the caller's rating of the call (1-5) in the post-call survey, or null
 * @param callback the caller chose to be called back while waiting (hung up, keeping its
 *     place); {@code answeredAt} is then when the callback connected
 */
public record CallRecord(
    String id,
    String tenantId,
    String sipCallId,
    String fromNumber,
    String fromName,
    String toNumber,
    String queue,
    String agentExtension,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    Disposition disposition,
    String endedBy,
    String recordingId,
    String consent,
    Instant queuedAt,
    long holdSeconds,
    int transfers,
    java.util.List<AgentSegment> segments,
    Integer csat,
    boolean callback) {

  public CallRecord(String id, String tenantId, String sipCallId, String fromNumber, String fromName, String toNumber,
      String queue, String agentExtension, Instant startedAt, Instant answeredAt, Instant endedAt,
      Disposition disposition, String endedBy, String recordingId, String consent, Instant queuedAt, long holdSeconds) {
    this(id, tenantId, sipCallId, fromNumber, fromName, toNumber, queue, agentExtension, startedAt, answeredAt, endedAt,
        disposition, endedBy, recordingId, consent, queuedAt, holdSeconds, 0, java.util.List.of(), null, false);
  }

  public CallRecord(String id, String tenantId, String sipCallId, String fromNumber, String fromName, String toNumber,
      String queue, String agentExtension, Instant startedAt, Instant answeredAt, Instant endedAt,
      Disposition disposition, String endedBy, String recordingId, String consent) {
    this(id, tenantId, sipCallId, fromNumber, fromName, toNumber, queue, agentExtension, startedAt, answeredAt, endedAt,
        disposition, endedBy, recordingId, consent, null, 0);
  }

  public CallRecord(String id, String tenantId, String sipCallId, String fromNumber, String fromName, String toNumber,
      String queue, String agentExtension, Instant startedAt, Instant answeredAt, Instant endedAt,
      Disposition disposition, String endedBy, String recordingId) {
    this(id, tenantId, sipCallId, fromNumber, fromName, toNumber, queue, agentExtension, startedAt, answeredAt, endedAt,
        disposition, endedBy, recordingId, null);
  }

  public CallRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(disposition, "disposition");
    fromName = fromName == null ? "" : fromName;
    segments = segments == null ? java.util.List.of() : java.util.List.copyOf(segments);
    if (transfers < 0) {
      throw new IllegalArgumentException("transfers is negative: " + transfers);
    }
    if (csat != null && (csat < 1 || csat > 5)) {
      throw new IllegalArgumentException("csat is 1 to 5, got " + csat);
    }
  }

  /** The same record with its agent segments (a repository reading one call). */
  public CallRecord withSegments(java.util.List<AgentSegment> all) {
    return new CallRecord(id, tenantId, sipCallId, fromNumber, fromName, toNumber, queue, agentExtension, startedAt,
        answeredAt, endedAt, disposition, endedBy, recordingId, consent, queuedAt, holdSeconds, transfers, all, csat,
        callback);
  }

  /** Seconds from arrival to end. */
  public long durationSeconds() {
    return Duration.between(startedAt, endedAt).toSeconds();
  }

  /** Seconds from answer to end, 0 if unanswered. */
  public long talkSeconds() {
    return answeredAt == null ? 0 : Duration.between(answeredAt, endedAt).toSeconds();
  }

  /** Seconds the caller waited before an answer or hanging up. */
  public long waitSeconds() {
    return Duration.between(startedAt, answeredAt == null ? endedAt : answeredAt).toSeconds();
  }
}
