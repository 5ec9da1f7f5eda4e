package org.atalaya.core.calls;

import java.net.InetSocketAddress;
import org.atalaya.sip.InboundCall;
import org.atalaya.sip.LegListener;

/**
 * A customer's INVITE as the rest of the core may keep it: the Call-ID, numbers and display name
 * that go into logs, call records and recordings cut to what their columns hold (V1__initial.sql)
 * and stripped of control characters. The fuzz campaign found a 32,000-character Call-ID losing
 * the call's record (H2: "Value too long for column SIP_CALL_ID"); a NUL, which PostgreSQL refuses
 * in text, comes as easily from a %00 in the From user.
 */
final class BoundedInboundCall implements InboundCall {
  static final int CALL_ID = 256;
  static final int NUMBER = 128;
  static final int NAME = 256;

  private final InboundCall wire;
  private final String callId;
  private final String fromUser;
  private final String fromDisplayName;
  private final String toUser;

  private BoundedInboundCall(InboundCall wire) {
    this.wire = wire;
    this.callId = bounded(wire.callId(), CALL_ID);
    this.fromUser = bounded(wire.fromUser(), NUMBER);
    this.fromDisplayName = bounded(wire.fromDisplayName(), NAME);
    this.toUser = bounded(wire.toUser(), NUMBER);
  }

  static InboundCall of(InboundCall wire) {
    return wire instanceof BoundedInboundCall ? wire : new BoundedInboundCall(wire);
  }

  /** At most {@code max} characters (never half a surrogate pair), control characters as '?'; null stays null. */
  static String bounded(String s, int max) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      if (sb.length() + n > max) {
        break;
      }
      if (Character.isISOControl(cp)) {
        sb.append('?');
      } else {
        sb.appendCodePoint(cp);
      }
      i += n;
    }
    return sb.toString();
  }

  @Override
  public String callId() {
    return callId;
  }

  @Override
  public String fromUser() {
    return fromUser;
  }

  @Override
  public String fromDisplayName() {
    return fromDisplayName;
  }

  @Override
  public String toUser() {
    return toUser;
  }

  @Override
  public InetSocketAddress source() {
    return wire.source();
  }

  @Override
  public String contactUri() {
    return wire.contactUri();
  }

  @Override
  public String transport() {
    return wire.transport();
  }

  @Override
  public String authenticatedUser() {
    return wire.authenticatedUser();
  }

  @Override
  public String sdpOffer() {
    return wire.sdpOffer();
  }

  @Override
  public void setListener(LegListener listener) {
    wire.setListener(listener);
  }

  @Override
  public void ringing() {
    wire.ringing();
  }

  @Override
  public void answer(String sdpAnswer) {
    wire.answer(sdpAnswer);
  }

  @Override
  public void reject(int status, String reason) {
    wire.reject(status, reason);
  }

  @Override
  public void refuse(int retryAfterSeconds) {
    wire.refuse(retryAfterSeconds);
  }

  @Override
  public void hangup() {
    wire.hangup();
  }
}
