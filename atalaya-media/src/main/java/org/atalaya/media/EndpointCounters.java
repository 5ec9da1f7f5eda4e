package org.atalaya.media;

/**
 * A snapshot of one endpoint's counters.
 *
 * @param packetsIn RTP packets received from the remote
 * @param bytesIn payload bytes received
 * @param packetsOut RTP packets sent to the remote
 * @param bytesOut payload bytes sent
 * @param lost packets missing by sequence number
 * @param late packets that arrived after their playout slot had passed
 * @param dropped packets discarded (malformed, unknown payload type, wrong source, buffer full)
 * @param dtmfEvents telephone-events completed
 * @param inbandDtmfEvents digits detected as tones in the received audio
 */
public record EndpointCounters(
    long packetsIn,
    long bytesIn,
    long packetsOut,
    long bytesOut,
    long lost,
    long late,
    long dropped,
    long dtmfEvents,
    long inbandDtmfEvents) {}
