package org.atalaya.web.api;

import java.time.Instant;
import java.util.List;
import org.atalaya.core.agents.Agent;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.users.User;

/** The JSON shapes of the API: stable names, no storage keys, hashes of secrets or tenant ids. */
public final class Views {
  private Views() {}

  /** A page of a list. */
  public record Page<T>(List<T> items, int offset, int limit) {}

  /** One recording in the library. */
  public record RecordingView(String id, String callId, String from, String to, String agent, Instant start,
      long durationSeconds, long durationMillis, long sizeBytes, String status) {
    static RecordingView of(RecordingInfo r) {
      return new RecordingView(r.id(), r.callId(), r.fromNumber(), r.toNumber(), r.agentExtension(), r.startedAt(),
          r.durationMillis() / 1000, r.durationMillis(), r.sizeBytes(), r.status().name());
    }
  }

  /** One call detail record. */
  public record CallView(String id, String from, String fromName, String to, String queue, String agent,
      Instant startedAt, Instant answeredAt, Instant endedAt, long durationSeconds, long talkSeconds,
      long waitSeconds, String disposition, String endedBy, String recordingId, String consent, int transfers,
      java.util.List<SegmentView> segments, Integer csat, boolean callback) {
    static CallView of(CallRecord c) {
      return new CallView(c.id(), c.fromNumber(), c.fromName(), c.toNumber(), c.queue(), c.agentExtension(),
          c.startedAt(), c.answeredAt(), c.endedAt(), c.durationSeconds(), c.talkSeconds(), c.waitSeconds(),
          c.disposition().name(), c.endedBy(), c.recordingId(), c.consent(), c.transfers(),
          c.segments().stream().map(s -> new SegmentView(s.agentExtension(), s.from(), s.to(), s.end())).toList(),
          c.csat(), c.callback());
    }
  }

  /** One agent's time with the caller (only on a single call's read): {@code end} says how it ended. */
  public record SegmentView(String agent, Instant from, Instant to, String end) {}

  /** One live call. */
  public record ActiveCallView(String id, String from, String fromName, String to, String queue, String agent,
      String state, Instant startedAt, Instant answeredAt, boolean sensitive) {
    static ActiveCallView of(ActiveCall c) {
      return new ActiveCallView(c.id(), c.fromNumber(), c.fromName(), c.toNumber(), c.queue(), c.agentExtension(),
          c.state().name(), c.startedAt(), c.answeredAt(), c.sensitive());
    }
  }

  /** An agent's SIP account, without its HA1. */
  public record AgentView(String extension, String name, Instant createdAt) {
    static AgentView of(Agent a) {
      return new AgentView(a.extension(), a.name(), a.createdAt());
    }
  }

  /** A user, without the password hash. */
  public record UserView(String login, String role, String agentExtension, Instant createdAt) {
    static UserView of(User u) {
      return new UserView(u.login(), u.role().label(), u.agentExtension(), u.createdAt());
    }
  }
}
