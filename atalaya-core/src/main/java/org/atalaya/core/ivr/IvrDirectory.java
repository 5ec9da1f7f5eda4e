package org.atalaya.core.ivr;

import java.util.Optional;

/**
 * The IVR flows as the call path reads them: already parsed and checked. A number nobody's flow
 * claims goes straight to the default queue.
 */
public interface IvrDirectory {
  /** No flows anywhere: every call goes to the default queue. */
  IvrDirectory NONE = new IvrDirectory() {
    @Override
    public Optional<IvrFlow> forNumber(String tenantId, String number) {
      return Optional.empty();
    }

    @Override
    public Optional<IvrFlow> flow(String tenantId, String flowId) {
      return Optional.empty();
    }

    @Override
    public BusinessHours hours(String tenantId) {
      return BusinessHours.ALWAYS_OPEN;
    }
  };

  /** The flow that answers calls to this dialled number (DID), if one claims it. */
  Optional<IvrFlow> forNumber(String tenantId, String number);

  /** A flow by id, for a flow that hands the call to another. */
  Optional<IvrFlow> flow(String tenantId, String flowId);

  /** The tenant's business hours; always open when none are set. */
  BusinessHours hours(String tenantId);
}
