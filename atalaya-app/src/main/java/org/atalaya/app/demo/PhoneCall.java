package org.atalaya.app.demo;

import java.util.concurrent.CompletableFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/**
 * One call on a {@link SoftPhone}, placed or answered.
 *
 * <p>Threading: created by the SoftPhone; its SIP fields are touched only by the SoftPhone while
 * holding this object's monitor (JAIN-SIP delivers events on its own threads, timers run on the
 * phone's scheduler). The futures and {@link #state()} may be read from any thread.
 */
public final class PhoneCall {
  /** Who started the call. */
  public enum Direction { INBOUND, OUTBOUND }

  /** Where the call is in its life. */
  public enum State { CALLING, RINGING, ACTIVE, ENDED }

  /** Why a call ended. */
  public enum Cause { LOCAL_HANGUP, REMOTE_HANGUP, CANCELLED, REJECTED, FAILED }

  /** How a call ended: the cause and the SIP status that said so (0 when none did). */
  public record Ended(Cause cause, int status) {}

  private final SoftPhone phone;
  private final String callId;
  private final Direction direction;
  private final String remoteUri;
  private final String remoteName;
  final RtpStream rtp;
  final CompletableFuture<PhoneCall> answered = new CompletableFuture<>();
  final CompletableFuture<Ended> ended = new CompletableFuture<>();
  private volatile State state;
  short[] audio;

  // SIP state, guarded by this object's monitor.
  Dialog dialog;
  ClientTransaction inviteClient;
  ServerTransaction inviteServer;
  String localTag;
  boolean authRetried;
  long sdpVersion = 1;

  PhoneCall(SoftPhone phone, String callId, Direction direction, String remoteUri, String remoteName,
      RtpStream rtp, short[] audio) {
    this.phone = phone;
    this.callId = callId;
    this.direction = direction;
    this.remoteUri = remoteUri;
    this.remoteName = remoteName;
    this.rtp = rtp;
    this.audio = audio;
    this.state = direction == Direction.OUTBOUND ? State.CALLING : State.RINGING;
  }

  public String callId() {
    return callId;
  }

  public Direction direction() {
    return direction;
  }

  /** The other party's URI, e.g. {@code sip:+34600111222@127.0.0.1}. */
  public String remoteUri() {
    return remoteUri;
  }

  /** The other party's display name, or an empty string. */
  public String remoteName() {
    return remoteName;
  }

  public State state() {
    return state;
  }

  void state(State s) {
    state = s;
  }

  /** Completes when the call is answered (by either side). */
  public CompletableFuture<PhoneCall> answered() {
    return answered;
  }

  /** Completes when the call is over, however it ended. */
  public CompletableFuture<Ended> ended() {
    return ended;
  }

  public long rtpPacketsSent() {
    return rtp.packetsSent();
  }

  public long rtpPacketsReceived() {
    return rtp.packetsReceived();
  }

  /** Ends the call: BYE when answered, CANCEL while ringing out, a decline while ringing in. */
  public void hangup() {
    phone.hangup(this);
  }

  @Override
  public String toString() {
    return direction + " " + (remoteName.isEmpty() ? "" : "\"" + remoteName + "\" ") + remoteUri + " " + state;
  }
}
