package org.atalaya.core.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.atalaya.sip.Registration;

/** One agent as the ACD tracks it; guarded by the ACD's lock. */
final class AcdAgent {
  final String extension;
  Registration registration;
  AgentState state = AgentState.OFFLINE;
  Instant since;
  Instant idleSince;
  boolean routable = true;
  /** Logged in to the queues; survives the phone re-registering. New agents start logged in. */
  boolean loggedIn = true;
  /** Paused, or asked to pause when the current call and its wrap-up end. */
  String pauseReason;
  boolean logoutPending;
  Map<String, Integer> skills = Map.of();
  /** The queue whose call the agent is on, for its wrap-up time. */
  String queue;
  /** The call the agent rings for, talks on or wraps up after; the state history names it. */
  String call;
  Instant callStart;
  Instant wrapUntil;
  int calls;
  Duration talk = Duration.ZERO;

  AcdAgent(String extension, Instant now) {
    this.extension = extension;
    this.since = now;
    this.idleSince = now;
  }

  boolean free() {
    return state == AgentState.AVAILABLE && registration != null && routable;
  }

  /** Logged in and not paused: will take the queue's calls now or after the current one. */
  boolean serving() {
    return registration != null && routable && loggedIn && pauseReason == null;
  }

  void to(AgentState next, Instant now) {
    state = next;
    since = now;
  }

  /** After a call, an offer, a wrap-up or a pause: where the agent goes next. */
  void free(Instant now, boolean restartIdle) {
    wrapUntil = null;
    queue = null;
    call = null;
    if (logoutPending) {
      logoutPending = false;
      loggedIn = false;
    }
    AgentState next = registration == null ? AgentState.OFFLINE
        : !loggedIn ? AgentState.LOGGED_OUT
        : pauseReason != null ? AgentState.PAUSED
        : AgentState.AVAILABLE;
    to(next, now);
    if (restartIdle || next != AgentState.AVAILABLE) {
      idleSince = now;
    }
  }

  /** True if the agent was logged out; its load counters start again. */
  boolean login(Instant now) {
    logoutPending = false;
    if (loggedIn) {
      return false;
    }
    loggedIn = true;
    calls = 0;
    talk = Duration.ZERO;
    if (state == AgentState.LOGGED_OUT) {
      free(now, true);
    }
    return true;
  }

  void logout(Instant now) {
    if (state == AgentState.RINGING || state == AgentState.ON_CALL) {
      logoutPending = true;
    } else if (loggedIn) {
      loggedIn = false;
      pauseReason = null;
      free(now, false);
    }
  }

  void pause(String reason, Instant now) {
    requireLoggedIn();
    pauseReason = reason;
    if (state == AgentState.AVAILABLE || state == AgentState.PAUSED) {
      to(AgentState.PAUSED, now);
    }
  }

  void ready(Instant now) {
    requireLoggedIn();
    pauseReason = null;
    if (state == AgentState.PAUSED || state == AgentState.WRAP_UP) {
      free(now, true);
    }
  }

  private void requireLoggedIn() {
    if (!loggedIn || logoutPending) {
      throw new IllegalStateException("agent " + extension + " is logged out");
    }
  }

  /** The call, only in the states that belong to one: a pending logout or pause does not. */
  String callId() {
    return state == AgentState.RINGING || state == AgentState.ON_CALL || state == AgentState.WRAP_UP ? call : null;
  }

  AgentStatus status() {
    return new AgentStatus(extension, state, since, idleSince, registration == null ? null : registration.contactUri(),
        pauseReason, calls, talk);
  }
}
