package org.atalaya.media;

import java.net.InetSocketAddress;

/**
 * One leg's anchored RTP port on Atalaya. Everything a party sends arrives here, and everything
 * it hears leaves from here.
 *
 * <p>Threading: all methods may be called from any thread; they hand work to the endpoint's
 * media loop and return at once. Listeners are called on the media loop.
 */
public interface RtpEndpoint extends AutoCloseable {
  /** The local address to put in our SDP for this leg (the media address and an even port). */
  InetSocketAddress localAddress();

  /** Sets (or changes, on a re-INVITE) where and how to send; RTP is not sent before this. */
  void configure(RemoteMedia remote);

  /** The current remote configuration, or null before {@link #configure}. */
  RemoteMedia remote();

  /**
   * Registers the listener told of received digits, RFC 4733 events and (see
   * {@link #detectInbandDtmf}) in-band tones alike; replaces any earlier one.
   */
  void onDtmf(DtmfListener listener);

  /**
   * Turns in-band DTMF detection on or off; off by default. While on, the G.711 audio the
   * remote sends is decoded and scanned for touch tones, and each digit found is reported to
   * the {@link #onDtmf} listener, like an RFC 4733 event, when its tone ends. Once this endpoint
   * has received any RFC 4733 packet, in-band detection stays off for the rest of the call: the
   * phone evidently signals out of band, and may also leave the tones in the audio, which would
   * report each key twice. Relayed calls that never turn it on pay nothing for it.
   */
  void detectInbandDtmf(boolean on);

  /**
   * Plays 8 kHz 16-bit mono PCM to the remote party, 20 ms per tick, replacing what a bridge
   * would otherwise send it. {@code onDone} runs on the media loop when the prompt ends or is
   * stopped.
   */
  void play(short[] pcm8k, Runnable onDone);

  /** Stops a prompt started with {@link #play}; no-op if none. */
  void stopPlaying();

  /** This endpoint's counters, a consistent snapshot. */
  EndpointCounters counters();

  /** Releases the port. Idempotent. */
  @Override
  void close();
}
