package org.atalaya.media.rtp;

import org.atalaya.media.Codec;
import org.atalaya.media.DtmfListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digits one leg's remote sends, by either route: RFC 4733 telephone-events, and (when asked
 * for) DTMF tones in the G.711 audio. Both reach the same listener.
 *
 * <p>Once any telephone-event packet arrives, in-band detection stops for the rest of the call.
 * A phone that sends RFC 4733 sends it for every key, and many such phones also leave the tones
 * in the audio, so listening to both would report each key twice. Stopping on the first packet,
 * and not on a completed event, leaves no race on the first key: its start packet arrives with
 * the tone, while its end packet and an in-band report both come when the tone ends (and for a
 * key held over 2 s the in-band report comes first). A time window ("ignore in-band for 2 s
 * after an event") would have to guess how far apart the two routes arrive, and would still let
 * the first key through twice.
 *
 * <p>Threading: {@link #listener} and {@link #detectInband} may be set from any thread; everything
 * else runs on the endpoint's media loop. Counters are volatile for snapshots.
 */
final class DtmfReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(DtmfReceiver.class);

  volatile DtmfListener listener;
  volatile boolean detectInband;
  volatile long events;
  volatile long inbandEvents;

  // Loop-confined.
  private long lastEventTs = -1;
  private boolean outOfBand;
  private InbandScan inband;

  /** A telephone-event payload (at least 4 bytes) at {@code p[offset]}. */
  void onEvent(byte[] p, int offset) {
    outOfBand = true;
    inband = null;
    boolean endBit = (p[offset + 1] & 0x80) != 0;
    long ts = Rtp.timestamp(p);
    if (!endBit || ts == lastEventTs) {
      return; // one report per event: its first end packet; the retransmitted ends are dropped
    }
    lastEventTs = ts;
    int event = p[offset] & 0xFF;
    char digit = event < 10 ? (char) ('0' + event) : event == 10 ? '*' : event == 11 ? '#'
        : event <= 15 ? (char) ('A' + event - 12) : 0;
    if (digit == 0) {
      return;
    }
    events++;
    int durationMs = (((p[offset + 2] & 0xFF) << 8) | (p[offset + 3] & 0xFF)) / 8;
    tell(digit, durationMs);
  }

  /** A G.711 payload {@code p[offset, end)}: scanned only while in-band detection applies. */
  void onAudio(byte[] p, int offset, int end, Codec codec) {
    if (!detectInband || outOfBand) {
      inband = null; // a later switch on starts from a clean detector, not a stale half-press
      return;
    }
    if (inband == null) {
      inband = new InbandScan(this::onInbandDigit);
    }
    inband.onAudio(p, offset, end, codec);
  }

  /** Every 20 ms. */
  void onTick() {
    if (inband != null && detectInband) {
      inband.onTick();
    }
  }

  private void onInbandDigit(char digit, int durationMs) {
    inbandEvents++;
    tell(digit, durationMs);
  }

  private void tell(char digit, int durationMs) {
    DtmfListener l = listener;
    if (l != null) {
      try {
        l.onDigit(digit, durationMs);
      } catch (RuntimeException e) {
        LOG.warn("DTMF listener failed", e);
      }
    }
  }
}
