package org.atalaya.media;

/**
 * A monitoring party's counters.
 *
 * @param framesHeard 20 ms frames sent or handed to the party
 * @param framesSpoken frames of the party's own audio taken into the mix (not silence)
 * @param framesDropped frames discarded because the party's reader or writer fell behind
 */
public record MonitorCounters(long framesHeard, long framesSpoken, long framesDropped) {}
