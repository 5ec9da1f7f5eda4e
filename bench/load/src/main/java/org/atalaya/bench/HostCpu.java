package org.atalaya.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole host's CPU time, from the first line of /proc/stat. The relay and its load generator
 * share this machine's cores, so a level's delay only says something about the relay while the
 * host has cores to spare: a level where the host is near 100 % busy measures the machine.
 *
 * @param busyTicks user, nice, system, irq, softirq and steal time, summed over all CPUs
 * @param totalTicks the same plus idle and iowait
 */
public record HostCpu(long busyTicks, long totalTicks) {

  /** The counters now. */
  public static HostCpu now() throws IOException {
    return parse(Files.readAllLines(Path.of("/proc/stat")).get(0));
  }

  /** Parses the aggregate "cpu" line of /proc/stat. */
  static HostCpu parse(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (!f[0].equals("cpu") || f.length < 8) {
      throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
    }
    long user = Long.parseLong(f[1]);
    long nice = Long.parseLong(f[2]);
    long system = Long.parseLong(f[3]);
    long idle = Long.parseLong(f[4]);
    long iowait = Long.parseLong(f[5]);
    long irq = Long.parseLong(f[6]);
    long softirq = Long.parseLong(f[7]);
    long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
    long busy = user + nice + system + irq + softirq + steal;
    return new HostCpu(busy, busy + idle + iowait);
  }

  /** Percent of all the host's cores that were busy between {@code earlier} and this. */
  public double busyPercentSince(HostCpu earlier) {
    long total = totalTicks - earlier.totalTicks;
    return total <= 0 ? Double.NaN : 100.0 * (busyTicks - earlier.busyTicks) / total;
  }
}
