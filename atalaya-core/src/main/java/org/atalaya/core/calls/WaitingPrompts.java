package org.atalaya.core.calls;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.atalaya.core.calls.CustomerCall.Phase;
import org.atalaya.core.routing.QueueConfig;

/**
 * What a queued caller hears besides music: the callback offer, and its place in the queue and
 * estimated wait ({@link WaitAnnouncement}) every {@link QueueConfig#announceEvery}.
 *
 * <p>Threading: confined to the call's mailbox.
 */
final class WaitingPrompts {
  /**
   * The first wait announcement comes this long after the caller enters the queue: a caller whom
   * a free agent takes at once hears ringing, not "you are next".
   */
  private static final long FIRST_ANNOUNCE_MS = 2000;
  /** The callback offer is still playing: the announcement tries again this much later. */
  private static final long RETRY_MS = 1000;

  private final CustomerCall call;
  private final CallContext ctx;
  private ScheduledFuture<?> announceTimer;
  /** A prompt other than music is playing to the caller (the callback offer, a wait announcement). */
  private boolean prompting;

  WaitingPrompts(CustomerCall call, CallContext ctx) {
    this.call = call;
    this.ctx = ctx;
  }

  /**
   * The queue offers callbacks: the caller is answered, told which key to press, and hears music
   * while it waits; the key, any time while it waits, runs {@code chosen} (on the mailbox).
   */
  void offerCallback(char key, Runnable chosen) {
    call.caller.answer();
    call.caller.onKey(key, () -> call.mailbox.post(chosen));
    prompting = true;
    call.caller.announce(concat(List.of("callback-offer", "key-" + keyName(key))), () -> call.mailbox.post(() -> {
      prompting = false;
      call.holdMusic();
    }));
  }

  /** The caller has just entered {@code q}: announcements start, if the queue makes them. */
  void announceWaitFrom(QueueConfig q, QueueEntry entry) {
    stop();
    if (!q.announceEvery().isZero()) {
      announceTimer = call.schedule(FIRST_ANNOUNCE_MS, () -> announceWait(entry));
    }
  }

  /** No more announcements (answered, a callback, gone). */
  void stop() {
    CustomerCall.cancel(announceTimer);
  }

  /**
   * Tells the waiting caller its place and estimated wait, between stretches of music, then
   * again every {@link QueueConfig#announceEvery}. Not while an agent's phone rings for it (the
   * wait is nearly over), nor over the callback offer: that one is heard out first.
   */
  private void announceWait(QueueEntry entry) {
    if (call.phase != Phase.QUEUED && call.phase != Phase.RINGING) {
      return; // answered, a callback, overflowing or gone
    }
    QueueConfig q = ctx.acd().queue(entry.queue());
    int position = ctx.acd().position(entry);
    boolean offerPlaying = prompting; // the callback offer: try again in a moment
    if (call.phase == Phase.QUEUED && !prompting && position > 0) {
      short[] words = concat(new WaitAnnouncement(position, ctx.acd().estimatedWait(entry)).prompts());
      call.caller.stopMusic();
      prompting = true;
      call.caller.announce(words, () -> call.mailbox.post(() -> {
        prompting = false;
        call.holdMusic();
      }));
    }
    announceTimer = call.schedule(offerPlaying ? RETRY_MS : q.announceEvery().toMillis(), () -> announceWait(entry));
  }

  short[] prompt(String name) {
    return ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), name);
  }

  private short[] concat(List<String> names) {
    short[][] parts = names.stream().map(this::prompt).toArray(short[][]::new);
    short[] out = new short[java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The spoken key's prompt: {@code key-1}, {@code key-star}, {@code key-pound}. */
  private static String keyName(char key) {
    return key == '*' ? "star" : key == '#' ? "pound" : String.valueOf(key);
  }
}
