package org.atalaya.sip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Slows SIP password guessing down to nothing, the way Kamailio's pike and a fail2ban jail do:
 * after {@link Limits#maxFailures} failed digest checks from one source address within
 * {@link Limits#window}, that address gets no answer at all to REGISTERs and new INVITEs for a
 * block that doubles each time in a row (1 min, 2, 4 ... up to 1 h). And when one account sees
 * that many failures from anywhere (guessing spread over many addresses), the account is
 * protected for the same back-off: only addresses it registered from successfully in the last day
 * are checked, every other one is refused without looking at the password. A legitimate phone on
 * another address goes on working; a scan is slowed, logged, audited and counted for the dashboard.
 *
 * <p>Every map is bounded (an attacker picks the addresses and user names): the least recently
 * seen entries are forgotten first.
 *
 * <p>Threading: called from SIP stack threads; every method is synchronized (a few map operations).
 */
public final class DigestGuard {
  private static final int MAX_TRACKED = 10_000;
  private static final int MAX_KNOWN_SOURCES = 8;
  private static final Duration MEMORY = Duration.ofHours(24);

  /** When to block and for how long. */
  public record Limits(int maxFailures, Duration window, Duration firstBlock, Duration maxBlock) {
    /** 10 failures a minute; blocks of 1 min doubling up to 1 h. */
    public static final Limits DEFAULT = new Limits(10, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1));

    public Limits {
      if (maxFailures < 1) {
        throw new IllegalArgumentException("maxFailures must be at least 1");
      }
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(firstBlock, "firstBlock");
      Objects.requireNonNull(maxBlock, "maxBlock");
    }

    Duration block(int inARow) {
      Duration d = firstBlock.multipliedBy(1L << Math.min(inARow - 1, 20));
      return d.compareTo(maxBlock) > 0 ? maxBlock : d;
    }
  }

  /** What the guard decided, for the log, the audit trail and the dashboard. */
  public sealed interface Event {
    /** A source address sent too many wrong credentials: no answers to it until {@code until}. */
    record SourceBlocked(String source, int failures, String lastAccount, Instant until, int inARow) implements Event {}

    /** An account saw too many wrong credentials: only its known addresses are checked until {@code until}. */
    record AccountProtected(String account, int failures, String lastSource, Instant until) implements Event {}
  }

  /** For the dashboard: addresses blocked now, blocks and protections since the node started, the last event. */
  public record Status(int blockedNow, long blocks, long protections, Event last) {}

  /** What to do with a request that needs a digest check. */
  public enum Verdict {
    /** Check the credentials as usual. */
    CHECK,
    /** Send nothing: the source is blocked. */
    DROP,
    /** Answer 403 without looking at the password: the account is protected and this address unknown to it. */
    REFUSE
  }

  private final Limits limits;
  private final Clock clock;
  private final Consumer<Event> listener;
  private final Map<String, Counter> sources = lru();
  private final Map<String, Counter> accounts = lru();
  private final Map<String, Deque<Known>> knownSources = lru();
  private long blocks;
  private long protections;
  private Event last;

  public DigestGuard(Limits limits, Clock clock, Consumer<Event> listener) {
    this.limits = Objects.requireNonNull(limits);
    this.clock = Objects.requireNonNull(clock);
    this.listener = Objects.requireNonNull(listener);
  }

  /** Whether {@code source} is blocked now (its REGISTERs and new INVITEs get no answer). */
  public synchronized boolean blocked(String source) {
    Counter c = sources.get(source);
    return c != null && c.blockedUntil != null && c.blockedUntil.isAfter(clock.instant());
  }

  /** Before a digest check of {@code account}'s credentials from {@code source}. */
  public synchronized Verdict admit(String source, String account) {
    if (blocked(source)) {
      return Verdict.DROP;
    }
    Counter a = account == null ? null : accounts.get(account);
    if (a != null && a.blockedUntil != null && a.blockedUntil.isAfter(clock.instant()) && !known(account, source)) {
      return Verdict.REFUSE;
    }
    return Verdict.CHECK;
  }

  /** Wrong credentials (a wrong password or an account that does not exist, alike). */
  public void failed(String source, String account) {
    java.util.List<Event> events = new java.util.ArrayList<>(2);
    synchronized (this) {
      Instant now = clock.instant();
      Counter s = count(sources, source, now);
      if (s != null) {
        blocks++;
        events.add(new Event.SourceBlocked(source, limits.maxFailures(), account, s.blockedUntil, s.inARow));
      }
      Counter a = account == null ? null : count(accounts, account, now);
      if (a != null) {
        protections++;
        events.add(new Event.AccountProtected(account, limits.maxFailures(), source, a.blockedUntil));
      }
      if (!events.isEmpty()) {
        last = events.get(events.size() - 1);
      }
    }
    events.forEach(listener); // outside the lock: the listener writes the audit log
  }

  /** Right credentials: the address becomes known to the account for a day. */
  public synchronized void succeeded(String source, String account) {
    Counter c = sources.get(source);
    if (c != null && c.blockedUntil == null) {
      sources.remove(source); // a phone that mistyped once is not held against
    }
    Deque<Known> known = knownSources.computeIfAbsent(account, k -> new ArrayDeque<>());
    known.removeIf(k -> k.source.equals(source));
    known.addFirst(new Known(source, clock.instant()));
    while (known.size() > MAX_KNOWN_SOURCES) {
      known.removeLast();
    }
  }

  /** How many addresses and accounts are tracked now (for the bound's test). */
  synchronized int tracked() {
    return sources.size() + accounts.size() + knownSources.size();
  }

  public synchronized Status status() {
    Instant now = clock.instant();
    int blockedNow = (int) sources.values().stream()
        .filter(c -> c.blockedUntil != null && c.blockedUntil.isAfter(now)).count();
    return new Status(blockedNow, blocks, protections, last);
  }

  /** Counts one failure; returns the counter if this one started a block, else null. */
  private Counter count(Map<String, Counter> counters, String key, Instant now) {
    Counter c = counters.computeIfAbsent(key, k -> new Counter());
    if (c.blockedUntil != null && c.blockedUntil.isAfter(now)) {
      return null; // already blocked; its guesses are not even looked at
    }
    if (c.windowStart == null || !c.windowStart.plus(limits.window()).isAfter(now)) {
      c.windowStart = now;
      c.failures = 0;
    }
    c.failures++;
    if (c.failures < limits.maxFailures()) {
      return null;
    }
    boolean inARow = c.blockedUntil != null && c.blockedUntil.plus(MEMORY).isAfter(now);
    c.inARow = inARow ? c.inARow + 1 : 1;
    c.blockedUntil = now.plus(limits.block(c.inARow));
    c.failures = 0;
    c.windowStart = null;
    return c;
  }

  private boolean known(String account, String source) {
    Deque<Known> known = knownSources.get(account);
    if (known == null) {
      return false;
    }
    Instant since = clock.instant().minus(MEMORY);
    return known.stream().anyMatch(k -> k.source.equals(source) && k.at.isAfter(since));
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_TRACKED;
      }
    };
  }

  private static final class Counter {
    int failures;
    Instant windowStart;
    Instant blockedUntil;
    int inARow;
  }

  private record Known(String source, Instant at) {}
}
