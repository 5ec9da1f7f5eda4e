package org.atalaya.core.calls;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import org.atalaya.core.calls.ActiveCall.State;
import org.atalaya.core.calls.CustomerCall.Phase;
import org.atalaya.media.Bridge;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.media.audio.Tones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message left in a queue's mailbox: the caller hears {@code voicemail-greeting} and a beep,
 * then speaks for up to {@link #MAX_MS}; {@code #} (or hanging up) ends the message, and a caller
 * still on the line hears {@code voicemail-thanks}. The message is an ordinary recording of the
 * call, encrypted, audited and kept like any other: the caller on the left channel, silence on
 * the right. The call ends as {@link Disposition#VOICEMAIL} with the mailbox as its queue. An IVR
 * step leads here, or a queue with {@code voicemail} whose caller nobody could take (then the
 * mailbox is the queue's own).
 *
 * <p>Threading: confined to the call's mailbox.
 */
final class VoicemailRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(VoicemailRecorder.class);
  /** The longest message. */
  static final long MAX_MS = 120_000;
  /** The beep after the greeting: what callers expect before they speak. */
  private static final short[] BEEP = Tones.sine8k(850, 400, 8000);

  private final CustomerCall call;
  private final CallContext ctx;
  private final String box;
  /** Reached from a queue nobody could serve (not from an IVR step). */
  private final boolean fromQueue;
  private RtpEndpoint silence;
  private ScheduledFuture<?> limit;
  private boolean recording;
  private boolean over;

  VoicemailRecorder(CustomerCall call, CallContext ctx, String box, boolean fromQueue) {
    this.fromQueue = fromQueue;
    this.call = call;
    this.ctx = ctx;
    this.box = box;
  }

  String box() {
    return box;
  }

  void start() {
    call.phase = Phase.VOICEMAIL;
    call.publish(State.ANNOUNCING, null);
    short[] greeting = prompt("voicemail-greeting");
    short[] withBeep = java.util.Arrays.copyOf(greeting, greeting.length + BEEP.length);
    System.arraycopy(BEEP, 0, withBeep, greeting.length, BEEP.length);
    call.caller.announce(withBeep, () -> call.mailbox.post(this::record));
  }

  /** After the beep: the message is recorded from now. */
  private void record() {
    if (over || call.phase != Phase.VOICEMAIL) {
      return;
    }
    try {
      silence = ctx.media().open(call); // never configured: the right channel stays silent
    } catch (IOException e) {
      LOG.error("call {}: no media port for the voicemail of {}", call.id, box, e);
      call.end(Disposition.FAILED, "system");
      return;
    }
    Bridge bridge = ctx.media().bridge(call.caller.endpoint(), silence);
    call.bridge = bridge;
    call.plan.voicemail(ctx, call.id, bridge, call.callFacts(null));
    recording = true;
    call.caller.onKey('#', () -> call.mailbox.post(() -> finish(true)));
    limit = call.schedule(MAX_MS, () -> finish(true));
    LOG.info("call {}: recording a message for mailbox {}", call.id, box);
  }

  /** The message is over: thanks to a caller still on the line, then the call ends. */
  void finish(boolean callerOnLine) {
    if (over) {
      return;
    }
    over = true;
    CustomerCall.cancel(limit);
    call.caller.onKeys(null);
    // Gone before the beep: from a queue, a call the system could not serve; from an IVR, one
    // that ended in the IVR.
    Disposition how = recording ? Disposition.VOICEMAIL : fromQueue ? Disposition.UNANSWERED : Disposition.IVR;
    if (!callerOnLine || !recording) {
      call.end(how, callerOnLine ? "system" : "customer");
      return;
    }
    call.closeRecording();
    call.caller.announce(prompt("voicemail-thanks"), () -> call.mailbox.post(() -> call.end(how, "system")));
  }

  void release() {
    CustomerCall.cancel(limit);
    if (silence != null) {
      silence.close();
    }
  }

  private short[] prompt(String name) {
    return ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), name);
  }
}
