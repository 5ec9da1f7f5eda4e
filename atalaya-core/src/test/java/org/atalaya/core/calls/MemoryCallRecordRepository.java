package org.atalaya.core.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Call records in a list, for tests of what reads them (the store's own is tested by its contract). */
public final class MemoryCallRecordRepository implements CallRecordRepository {
  private final List<CallRecord> all = new ArrayList<>();

  @Override
  public synchronized void insert(CallRecord r) {
    all.add(r);
  }

  @Override
  public synchronized Optional<CallRecord> byId(String tenantId, String id) {
    return all.stream().filter(r -> r.tenantId().equals(tenantId) && r.id().equals(id)).findFirst();
  }

  @Override
  public synchronized boolean hasCallsFrom(String tenantId, String fromNumber) {
    return all.stream().anyMatch(r -> r.tenantId().equals(tenantId) && fromNumber.equals(r.fromNumber()));
  }

  @Override
  public synchronized List<CallRecord> startedBetween(String tenantId, Instant from, Instant to) {
    return all.stream().filter(r -> r.tenantId().equals(tenantId) && !r.startedAt().isBefore(from)
        && r.startedAt().isBefore(to)).sorted(Comparator.comparing(CallRecord::startedAt)).toList();
  }

  @Override
  public synchronized List<CallRecord> list(String tenantId, String agentExtension, int offset, int limit) {
    throw new UnsupportedOperationException("not needed by the tests that use it");
  }

  @Override
  public synchronized List<CallRecord> voicemails(String tenantId, String box, int offset, int limit) {
    throw new UnsupportedOperationException("not needed by the tests that use it");
  }
}
