package org.atalaya.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Linux says about a process under test: CPU time, resident memory, and the datagrams the
 * kernel dropped on its UDP sockets because it did not read them in time (the loss a relay
 * causes by falling behind, counted where it happens).
 */
public final class ProcStats {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on every Linux we run on

  private ProcStats() {}

  /** User plus system CPU seconds the process has used, all threads. */
  public static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  /** Resident set size in KiB. */
  public static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return 0;
  }

  /** The inodes of the process's sockets. */
  public static Set<Long> socketInodes(long pid) throws IOException {
    Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (IOException closedMeanwhile) {
          // the fd went away between listing and reading: not ours to count
        }
      }
    }
    return inodes;
  }

  /** Datagrams dropped on the process's UDP sockets (IPv4 and IPv6), as the kernel counts them. */
  public static long udpDrops(long pid) throws IOException {
    Set<Long> inodes = socketInodes(pid);
    long drops = 0;
    for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
      Path p = Path.of(table);
      if (!Files.exists(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).trim().split("\\s+");
        if (f.length >= 13 && inodes.contains(Long.parseLong(f[9]))) {
          drops += Long.parseLong(f[12]);
        }
      }
    }
    return drops;
  }

  /** A percentile (0..100) of sorted values, nearest rank. */
  public static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
