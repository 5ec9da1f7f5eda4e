package org.atalaya.core.sla;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.CallRecordRepository;
import org.atalaya.core.calls.Disposition;

/**
 * Calls of tenant "t1" on Monday 2026-11-23, in Madrid's 10:00-11:00 hour (09:00-10:00 UTC), worked
 * out by hand. Queue "sales": offered 5; answered within 20 s: c1 (10 s), c2 (exactly 20 s), c5
 * (5 s); c3 after 25 s; c4 abandoned after 40 s. So service level 3/5 = 60 %, abandon rate
 * 1/5 = 20 %, ASA (10 + 20 + 25 + 5) / 4 = 15 s. Queue "support": c6 answered after 60 s, so
 * all queues: 3/6 = 50 %. c7 opens the next hour; tenant t2 has one call in the same hour.
 */
final class SlaFixture {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final Instant H10 = Instant.parse("2026-11-23T09:00:00Z");

  static final class Calls implements CallRecordRepository {
    final List<CallRecord> all = new ArrayList<>();

    @Override
    public void insert(CallRecord r) {
      all.add(r);
    }

    @Override
    public Optional<CallRecord> byId(String tenantId, String id) {
      return all.stream().filter(r -> r.tenantId().equals(tenantId) && r.id().equals(id)).findFirst();
    }

    @Override
    public boolean hasCallsFrom(String tenantId, String fromNumber) {
      return false;
    }

    @Override
    public List<CallRecord> startedBetween(String tenantId, Instant from, Instant to) {
      return all.stream().filter(r -> r.tenantId().equals(tenantId) && !r.startedAt().isBefore(from)
          && r.startedAt().isBefore(to)).sorted(Comparator.comparing(CallRecord::startedAt)).toList();
    }

    @Override
    public List<CallRecord> list(String tenantId, String agentExtension, int offset, int limit) {
      return List.of();
    }

    @Override
    public List<CallRecord> voicemails(String tenantId, String box, int offset, int limit) {
      return List.of();
    }
  }

  static Calls calls() {
    Calls c = new Calls();
    answered(c, "t1", "c1", "sales", H10, 10);
    answered(c, "t1", "c2", "sales", H10.plusSeconds(600), 20);
    answered(c, "t1", "c3", "sales", H10.plusSeconds(1200), 25);
    c.insert(new CallRecord("c4", "t1", "s", "+34600000004", "", "900", "sales", null, H10.plusSeconds(1800), null,
        H10.plusSeconds(1840), Disposition.ABANDONED, "customer", null));
    answered(c, "t1", "c5", "sales", H10.plusSeconds(3599), 5);
    answered(c, "t1", "c6", "support", H10.plusSeconds(900), 60);
    answered(c, "t1", "c7", "sales", H10.plusSeconds(3600), 5);
    answered(c, "t2", "x1", "sales", H10.plusSeconds(60), 300);
    return c;
  }

  static void answered(Calls c, String tenant, String id, String queue, Instant at, int waitSeconds) {
    c.insert(new CallRecord(id, tenant, "s", "+3460000" + id, "", "900", queue, "1001", at,
        at.plusSeconds(waitSeconds), at.plusSeconds(waitSeconds + 60), Disposition.ANSWERED, "customer", null));
  }

  static SlaDefinition def(String id, SlaMetric metric, SlaComparator cmp, double target, String queue,
      SlaPeriod period, int minCalls) {
    return new SlaDefinition(id, id, metric, cmp, target, metric == SlaMetric.SERVICE_LEVEL ? 20 : null, queue, period,
        MADRID, minCalls);
  }

  static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  private SlaFixture() {}
}
