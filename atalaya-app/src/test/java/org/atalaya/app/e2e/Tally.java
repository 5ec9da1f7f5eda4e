package org.atalaya.app.e2e;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters by group and key (cases by kind, answers by status...), safe to bump from any thread. */
final class Tally {
  private final Map<String, Map<String, LongAdder>> groups = new ConcurrentHashMap<>();

  void add(String group, String key) {
    add(group, key, 1);
  }

  void add(String group, String key, long n) {
    groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> new LongAdder()).add(n);
  }

  /** A group's counts, keys sorted; empty if nothing was counted. */
  Map<String, Long> get(String group) {
    Map<String, Long> out = new TreeMap<>();
    groups.getOrDefault(group, Map.of()).forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  long total(String group) {
    return get(group).values().stream().mapToLong(Long::longValue).sum();
  }
}
