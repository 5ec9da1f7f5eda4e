package org.atalaya.app;

import java.time.Clock;
import java.util.function.Consumer;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.sip.DigestGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SIP guard's blocks leave behind: a WARN line naming the address, and a row in the
 * hash-chained audit log under the node's tenant, so an operator sees a toll-fraud scan after the
 * fact. Called at most once per block, never per guess.
 */
final class GuessingAlarm implements Consumer<DigestGuard.Event> {
  private static final Logger LOG = LoggerFactory.getLogger(GuessingAlarm.class);

  private final AuditLog audit;
  private final String tenant;
  private final Clock clock;

  GuessingAlarm(AuditLog audit, String tenant, Clock clock) {
    this.audit = audit;
    this.tenant = tenant;
    this.clock = clock;
  }

  @Override
  public void accept(DigestGuard.Event event) {
    switch (event) {
      case DigestGuard.Event.SourceBlocked b -> {
        LOG.warn("SIP password guessing from {}: {} wrong answers within a minute (last for '{}'); no answers to it"
            + " until {} (block {} in a row)", b.source(), b.failures(), b.lastAccount(), b.until(), b.inARow());
        append("sip:" + b.source(), "sip.auth.block", "source:" + b.source(),
            "failures=" + b.failures() + " last-account=" + b.lastAccount() + " until=" + b.until()
                + " in-a-row=" + b.inARow());
      }
      case DigestGuard.Event.AccountProtected p -> {
        LOG.warn("SIP account '{}' under password guessing: {} wrong answers within a minute (last from {}); only"
            + " its known addresses are checked until {}", p.account(), p.failures(), p.lastSource(), p.until());
        append("sip:" + p.lastSource(), "sip.auth.protect", "agent:" + p.account(),
            "failures=" + p.failures() + " last-source=" + p.lastSource() + " until=" + p.until());
      }
    }
  }

  private void append(String actor, String action, String target, String detail) {
    try {
      audit.append(new AuditEvent(tenant, clock.instant(), actor, action, target, detail));
    } catch (RuntimeException e) {
      LOG.error("audit of a SIP guessing block failed: {}", e.toString());
    }
  }
}
