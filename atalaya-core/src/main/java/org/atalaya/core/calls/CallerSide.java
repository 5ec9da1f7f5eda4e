package org.atalaya.core.calls;

import java.io.IOException;
import org.atalaya.core.sdp.AnsweredLeg;
import org.atalaya.core.sdp.SdpException;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.sip.InboundCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of a {@link CustomerCall}: the inbound SIP leg, its anchored media, whether
 * it is answered, and the prompts it hears before an agent takes the call.
 *
 * <p>Threading: confined to the call's mailbox, except the callbacks of {@link #announce} and
 * {@link #onKey}, which run on the media loop and must only post to the mailbox.
 */
final class CallerSide {
  private static final Logger LOG = LoggerFactory.getLogger(CallerSide.class);
  private final InboundCall inbound;
  private AnsweredLeg leg;
  private boolean answered;
  private boolean gone; // the caller hung up: nothing to hang up on our side

  CallerSide(InboundCall inbound) {
    this.inbound = inbound;
  }

  /**
   * Accepts the INVITE's offer. An unusable offer is rejected with 488 before any port is taken,
   * and no free port with 503; both return false.
   */
  boolean accept(AnsweredLeg.EndpointOpener opener, String callId) {
    try {
      leg = AnsweredLeg.accept(inbound.sdpOffer(), opener);
      return true;
    } catch (SdpException e) {
      LOG.warn("call {}: unusable SDP offer: {}", callId, e.getMessage());
      inbound.reject(488, "Not Acceptable Here");
    } catch (IOException e) {
      LOG.error("call {}: no media port", callId, e);
      inbound.reject(503, "Service Unavailable");
    }
    return false;
  }

  RtpEndpoint endpoint() {
    return leg.endpoint();
  }

  Codec codec() {
    return leg.codec();
  }

  /** 180 while the caller waits unanswered; once a prompt answered it, the queue is silent. */
  void ringing() {
    if (!answered) {
      inbound.ringing();
    }
  }

  boolean isAnswered() {
    return answered;
  }

  void answer() {
    if (!answered) {
      answered = true;
      inbound.answer(leg.answer());
    }
  }

  /** Answers the caller (as every IVR does) and plays a prompt; {@code done} runs when it ends. */
  void announce(short[] prompt, Runnable done) {
    answer();
    leg.endpoint().play(prompt, done);
  }

  /** Runs {@code pressed} each time the caller presses {@code key}. */
  void onKey(char key, Runnable pressed) {
    leg.endpoint().detectInbandDtmf(true);
    leg.endpoint().onDtmf((digit, ms) -> {
      if (digit == key) {
        pressed.run();
      }
    });
  }

  /** Stops the prompt playing (a key cut it short); its {@code done} still runs. */
  void stopPrompt() {
    leg.endpoint().stopPlaying();
  }

  private int musicGeneration;

  /**
   * Answers and plays {@code music} over and over, until {@link #stopMusic}, another prompt, or
   * {@code stillWaiting} says no. The generation keeps a replaced or stopped playout (whose end
   * callback still runs) from starting a second loop. {@code mailbox} runs the replays.
   */
  void playMusic(short[] music, java.util.concurrent.Executor mailbox, java.util.function.BooleanSupplier stillWaiting) {
    int generation = ++musicGeneration;
    if (!stillWaiting.getAsBoolean()) {
      return;
    }
    announce(music, () -> mailbox.execute(() -> {
      if (generation == musicGeneration) {
        playMusic(music, mailbox, stillWaiting);
      }
    }));
  }

  void stopMusic() {
    musicGeneration++;
    stopPrompt();
  }

  /** Every key the caller presses goes to {@code keys} (on the media loop); null stops listening. */
  void onKeys(java.util.function.Consumer<Character> keys) {
    // Keys may come as RFC 4733 events or as tones in the audio; scanning the audio costs a
    // decode per packet, so it runs only while something listens for the caller's keys.
    leg.endpoint().detectInbandDtmf(keys != null);
    leg.endpoint().onDtmf(keys == null ? (digit, ms) -> {} : (digit, ms) -> keys.accept(digit));
  }

  String reoffer(String sdp) throws SdpException {
    return leg.reoffer(sdp);
  }

  /** Whether the caller's phone holds the call (its offer is not sendrecv). */
  boolean holding() {
    return leg.direction() != Direction.SENDRECV;
  }

  void hungUp() {
    gone = true;
  }

  /** Hangs up on a caller still on the line (a BYE); the call goes on as if it had hung up. */
  void hangUp() {
    if (!gone) {
      gone = true;
      inbound.hangup();
    }
  }

  /** The caller's endpoint while its phone is expected to send RTP (answered, on the line); null otherwise. */
  RtpEndpoint sendingEndpoint() {
    return answered && !gone && leg != null ? leg.endpoint() : null;
  }

  /** Releases the port and hangs up, unless the caller already did. */
  void close() {
    if (leg != null) {
      leg.endpoint().close();
    }
    if (!gone) {
      inbound.hangup();
    }
  }
}
