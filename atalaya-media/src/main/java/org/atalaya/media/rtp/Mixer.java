package org.atalaya.media.rtp;

import java.util.List;
import org.atalaya.media.MonitorMode;

/**
 * The hearing matrix, applied once per tick to one bridge's frames: decides for each party
 * whether it is relayed or mixed, builds the mixes, sends them, and returns the recording's
 * right channel (what the customer heard from the contact center).
 *
 * <p>Threading: confined to the owning media loop. Scratch buffers are reused every tick.
 */
final class Mixer {
  private static final int N = 160;
  private final int[] acc = new int[N];
  private final short[] out = new short[N];
  private final short[] right = new short[N];
  private final short[] notice = new short[N];
  private short[][] spoken = new short[4][];

  /**
   * Returns the recording's right channel for this tick (null for silence). While
   * {@code sensitive}, supervisors other than one who took the call over hear silence.
   */
  short[] tick(NioBridge bridge, long tick, short[] customer, short[] agent, short[] agentNotice,
      List<MonitorParty> monitors, boolean sensitive) {
    int n = monitors.size();
    if (spoken.length < n) {
      spoken = new short[n * 2][];
    }
    boolean takenOver = false;
    boolean agentHearsOthers = agentNotice != null;
    boolean customerHearsOthers = false;
    for (int i = 0; i < n; i++) {
      MonitorParty m = monitors.get(i);
      MonitorMode mode = m.mode();
      spoken[i] = m.spoken(tick);
      takenOver |= mode == MonitorMode.TAKE_OVER;
      customerHearsOthers |= mode.customerHears();
      agentHearsOthers |= mode.agentHears();
    }
    NioRtpEndpoint c = bridge.customer();
    NioRtpEndpoint a = bridge.agent();
    // The agent's voice reaches the customer unless a supervisor took the call over.
    short[] agentToCustomer = takenOver ? null : agent;

    // Customer: the agent, plus supervisors who barge or took over.
    boolean customerMixed = customerHearsOthers || takenOver;
    c.setMixed(customerMixed);
    short[] rightChannel = agentToCustomer;
    if (customerMixed) {
      clear();
      add(agentToCustomer);
      for (int i = 0; i < n; i++) {
        if (monitors.get(i).mode().customerHears()) {
          add(spoken[i]);
        }
      }
      clip(right);
      c.sendFrame(right);
      rightChannel = right;
    }

    // Agent: the customer, plus supervisors who whisper or barge, plus a notice tone.
    boolean agentMixed = agentHearsOthers || takenOver;
    if (a != null) {
      a.setMixed(agentMixed);
    }
    if (agentMixed && a != null && !a.isClosed() && !takenOver) {
      clear();
      add(customer);
      add(agentNotice);
      for (int i = 0; i < n; i++) {
        if (monitors.get(i).mode().agentHears()) {
          add(spoken[i]);
        }
      }
      clip(out);
      a.sendFrame(out);
    }

    // Each supervisor: the customer, the agent (unless taken over), and the supervisors the
    // customer hears, never itself.
    for (int i = 0; i < n; i++) {
      clear();
      if (sensitive && monitors.get(i).mode() != MonitorMode.TAKE_OVER) {
        // Card data: a monitor hears nothing of the call, not even the keypad.
        clip(out);
        monitors.get(i).hear(out);
        continue;
      }
      add(customer);
      add(agentToCustomer);
      for (int j = 0; j < n; j++) {
        if (j != i && monitors.get(j).mode().customerHears()) {
          add(spoken[j]);
        }
      }
      clip(out);
      monitors.get(i).hear(out);
    }
    return rightChannel;
  }

  short[] noticeFrame(short[] pcm, int pos) {
    for (int i = 0; i < N; i++) {
      notice[i] = pos + i < pcm.length ? pcm[pos + i] : 0;
    }
    return notice;
  }

  private void clear() {
    java.util.Arrays.fill(acc, 0);
  }

  private void add(short[] frame) {
    if (frame == null) {
      return;
    }
    for (int i = 0; i < N; i++) {
      acc[i] += frame[i];
    }
  }

  private void clip(short[] dst) {
    for (int i = 0; i < N; i++) {
      int v = acc[i];
      dst[i] = (short) (v > Short.MAX_VALUE ? Short.MAX_VALUE : v < Short.MIN_VALUE ? Short.MIN_VALUE : v);
    }
  }
}
