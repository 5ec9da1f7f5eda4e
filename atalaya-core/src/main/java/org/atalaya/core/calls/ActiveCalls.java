package org.atalaya.core.calls;

import java.util.List;

/** The live calls of a tenant, oldest first. */
@FunctionalInterface
public interface ActiveCalls {
  List<ActiveCall> list(String tenantId);
}
