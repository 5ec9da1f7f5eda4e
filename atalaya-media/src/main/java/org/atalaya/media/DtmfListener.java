package org.atalaya.media;

/**
 * Told of each digit a leg receives, once per key press when it ends: on an RFC 4733 event's end
 * packet, or at the end of an in-band tone.
 */
@FunctionalInterface
public interface DtmfListener {
  /** Called on a media thread: must not block. */
  void onDigit(char digit, int durationMs);
}
