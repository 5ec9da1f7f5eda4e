package org.atalaya.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atalaya.core.sla.SlaComparator.AT_LEAST;
import static org.atalaya.core.sla.SlaFixture.H10;
import static org.atalaya.core.sla.SlaFixture.def;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atalaya.core.kpi.KpiReports;
import org.atalaya.core.routing.MemoryAgentActivityRepository;
import org.atalaya.core.testing.ManualClock;
import org.junit.jupiter.api.Test;

/** The monitor over {@link SlaFixture}'s calls with a clock the test moves: no sleeping. */
class SlaMonitorTest {
  final ManualClock clock = new ManualClock(H10.plusSeconds(2400));
  final MemorySlaRepository repo = new MemorySlaRepository();
  final SlaFixture.Calls calls = SlaFixture.calls();
  final List<SlaAlert> alerts = new CopyOnWriteArrayList<>();

  SlaMonitor monitor() {
    return new SlaMonitor(repo, new SlaEvaluator(new KpiReports(calls, new MemoryAgentActivityRepository(), clock)),
        clock).onAlert(alerts::add);
  }

  @Test
  void eachClosedPeriodIsJudgedOnceAndAPeriodInProgressWarnsOnce() {
    repo.saveDefinition("t1", def("sl", SlaMetric.SERVICE_LEVEL, AT_LEAST, 80, "sales", SlaPeriod.HOUR, 3), "admin",
        H10);
    repo.saveDefinition("t2", def("sl", SlaMetric.SERVICE_LEVEL, AT_LEAST, 80, "sales", SlaPeriod.HOUR, 3), "admin",
        H10);
    SlaMonitor monitor = monitor();

    // 10:40 in Madrid: 10:00-11:00 so far is 2 of 4 within 20 s; 09:00-10:00 had no calls.
    monitor.tick();
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(SlaAlert.Kind.AT_RISK);
      assertThat(a.tenantId()).isEqualTo("t1");
      assertThat(a.actual()).isEqualTo(50.0);
      assertThat(a.periodStart()).isEqualTo(H10);
    });
    clock.set(H10.plusSeconds(2460));
    monitor.tick();
    assertThat(alerts).as("one warning per period").hasSize(1);
    assertThat(repo.breaches).as("a warning is not stored").isEmpty();

    // 11:00:05: the hour closed at 60 %.
    clock.set(H10.plusSeconds(3605));
    monitor.tick();
    assertThat(alerts).hasSize(2);
    SlaAlert breach = alerts.get(1);
    assertThat(breach.kind()).isEqualTo(SlaAlert.Kind.BREACH);
    assertThat(breach.actual()).isEqualTo(60.0);
    assertThat(breach.calls()).isEqualTo(5);
    assertThat(breach.periodEnd()).isEqualTo(H10.plusSeconds(3600));
    assertThat(breach.detectedAt()).isEqualTo(H10.plusSeconds(3605));
    assertThat(repo.breaches).containsExactly(breach);

    clock.set(H10.plusSeconds(3665));
    monitor.tick();
    clock.set(H10.plusSeconds(4000));
    monitor.tick();
    assertThat(alerts).as("the closed hour is judged once; 11:00-12:00 has c7 only (1 < 3 calls)").hasSize(2);

    // A restarted monitor judges the last hour again but the stored breach stops a second alert.
    clock.set(H10.plusSeconds(3700));
    SlaMonitor restarted = monitor();
    restarted.tick();
    assertThat(alerts).hasSize(2);
    assertThat(repo.breaches).hasSize(1);
  }

  @Test
  void oneBadDefinitionDoesNotStopTheOthers() {
    repo.saveDefinition("t1", def("sl", SlaMetric.SERVICE_LEVEL, AT_LEAST, 80, "sales", SlaPeriod.HOUR, 3), "admin",
        H10);
    clock.set(H10.plusSeconds(3605));
    SlaMonitor monitor = new SlaMonitor(repo,
        new SlaEvaluator(new KpiReports(calls, new MemoryAgentActivityRepository(), clock)), clock)
        .onAlert(a -> {
          throw new IllegalStateException("listener down");
        })
        .onAlert(alerts::add);
    monitor.tick();
    assertThat(alerts).as("the second listener still hears of it").hasSize(1);
  }
}
