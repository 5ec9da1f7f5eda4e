package org.atalaya.media.rtp;

import org.atalaya.media.Codec;
import org.atalaya.media.DtmfListener;
import org.atalaya.media.audio.DtmfDetector;
import org.atalaya.media.audio.G711;

/**
 * Scans one leg's received G.711 audio for in-band DTMF: decodes each payload into a scratch
 * buffer for a {@link DtmfDetector}, in RTP timestamp order.
 *
 * <p>Missing audio is scanned as silence, so the detector sees the call's real timing: a packet
 * lost inside a press is the short dropout the detector bridges, and a press's duration stays
 * true. When audio stops altogether (a phone with voice activity detection goes quiet after the
 * key), the media clock feeds enough silence to end a press after 200 ms, so the digit is
 * reported then and not when the caller next speaks. The clock waits that long, and never moves
 * the expected timestamp, so that a packet merely delayed by jitter or a busy host is still
 * scanned in its place.
 *
 * <p>Threading: confined to the endpoint's media loop.
 */
final class InbandScan {
  private static final short[] SILENCE = new short[160];
  /** Up to 100 ms of missing audio is filled; a longer jump restarts the stream instead. */
  private static final int MAX_FILL = 800;
  /** Ticks without a packet before the clock ends a press: far beyond ordinary jitter. */
  private static final int IDLE_TICKS = 10;
  /** 60 ms: more than the three missed blocks that end a press, however they fall. */
  private static final int FLUSH = 480;

  private final DtmfDetector detector;
  private final short[] pcm = new short[160];
  private long ssrc = -1;
  private long nextTs;
  private int idleTicks;
  private int flushed; // samples of silence the clock fed since the last packet

  InbandScan(DtmfListener listener) {
    this.detector = new DtmfDetector(listener);
  }

  /** Scans one audio payload, {@code p[offset, end)} of an RTP packet in {@code codec}. */
  void onAudio(byte[] p, int offset, int end, Codec codec) {
    long packetSsrc = Rtp.ssrc(p);
    long ts = Rtp.timestamp(p);
    if (packetSsrc == ssrc) {
      int ahead = (int) (ts - nextTs); // RTP timestamps wrap at 32 bits
      if (ahead < 0 && ahead > -MAX_FILL) {
        return; // late or duplicated: its slot was already scanned, as silence or as itself
      }
      if (ahead - flushed > 0 && ahead <= MAX_FILL) {
        silence(ahead - flushed);
      }
    }
    ssrc = packetSsrc;
    nextTs = (ts + end - offset) & 0xFFFFFFFFL;
    idleTicks = 0;
    flushed = 0;
    for (int at = offset; at < end; at += pcm.length) {
      int n = Math.min(pcm.length, end - at);
      for (int i = 0; i < n; i++) {
        pcm[i] = codec == Codec.PCMU ? G711.ulawToLinear(p[at + i]) : G711.alawToLinear(p[at + i]);
      }
      detector.accept(pcm, 0, n);
    }
  }

  /** Every 20 ms: ends a press whose audio has stopped coming. */
  void onTick() {
    if (++idleTicks == IDLE_TICKS) {
      silence(FLUSH);
      flushed = FLUSH;
    }
  }

  private void silence(int samples) {
    for (int left = samples; left > 0; left -= SILENCE.length) {
      detector.accept(SILENCE, 0, Math.min(left, SILENCE.length));
    }
  }
}
