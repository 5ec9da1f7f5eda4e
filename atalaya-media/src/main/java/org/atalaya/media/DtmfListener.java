package org.atalaya.media;

/** Told of each RFC 4733 digit a leg receives, once per event (on its end packet). */
@FunctionalInterface
public interface DtmfListener {
  /** Called on a media thread: must not block. */
  void onDigit(char digit, int durationMs);
}
