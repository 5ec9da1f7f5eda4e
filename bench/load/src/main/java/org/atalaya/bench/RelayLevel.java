package org.atalaya.bench;

/**
 * One level of a relay run, Atalaya's or rtpengine's, measured over a steady window.
 *
 * @param relay "atalaya" or "rtpengine"
 * @param calls concurrent calls (two RTP streams each, one per direction)
 * @param seconds length of the measured window
 * @param packetsIn RTP packets the relay received in the window
 * @param packetsOut RTP packets the relay sent in the window
 * @param lost packets that did not arrive at the far peer (RTP timestamp gaps) plus the relay's kernel drops
 * @param cpuSeconds the relay process's user + system CPU in the window
 * @param rssKb the relay process's resident memory at the end of the window
 * @param p50Ms median forwarding delay through the relay
 * @param p99Ms 99th percentile forwarding delay
 * @param delaySamples packets the delay figures are computed from
 * @param hostBusyPercent the whole host's CPU busy in the window, % of all its cores: near 100,
 *     the relay waits for cores its load generator holds, and the delay measures the machine
 */
public record RelayLevel(String relay, int calls, double seconds, long packetsIn, long packetsOut, long lost,
    double cpuSeconds, long rssKb, double p50Ms, double p99Ms, long delaySamples,
    double hostBusyPercent) {

  /** CPU microseconds per relayed (sent) packet. */
  public double cpuMicrosPerPacket() {
    return packetsOut == 0 ? Double.NaN : cpuSeconds * 1e6 / packetsOut;
  }

  /** Lost packets as a fraction of those that should have arrived. */
  public double lossRatio() {
    long expected = packetsOut + lost;
    return expected == 0 ? 0 : (double) lost / expected;
  }
}
