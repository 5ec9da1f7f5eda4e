package org.atalaya.core.calls;

/**
 * Whether a transfer target exists and can take the caller now, checked before anything moves,
 * and what a REFER's target user names. The messages reach the web user or the SIP status.
 */
final class TransferTargets {
  private TransferTargets() {}

  /** A REFER's target: an agent the ACD knows by that extension, else a queue by that name. */
  static TransferTarget resolve(CallContext ctx, String user) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("the REFER names nobody");
    }
    if (ctx.acd().agent(user).isPresent()) {
      return new TransferTarget.Agent(user);
    }
    if (TransferTarget.looksExternal(user)) {
      return TransferTarget.parse("external:" + user);
    }
    return TransferTarget.parse(user.matches("\\d{1,8}") ? "agent:" + user : "queue:" + user);
  }

  /** Refuses a target that cannot take the call now, before the caller is moved anywhere. */
  static void check(CallContext ctx, TransferTarget target, AgentAttempt from, boolean now) {
    switch (target) {
      case TransferTarget.Agent a -> {
        if (a.extension().equals(from.extension())) {
          throw new IllegalArgumentException("agent " + a.extension() + " already has the call");
        }
        var status = ctx.acd().agent(a.extension())
            .orElseThrow(() -> new IllegalArgumentException("agent " + a.extension() + " is not registered"));
        switch (status.state()) {
          case LOGGED_OUT, OFFLINE -> throw new IllegalStateException("agent " + a.extension() + " is not logged in");
          case AVAILABLE -> { }
          default -> {
            if (now) {
              throw new IllegalStateException("agent " + a.extension() + " is not free (" + status.state() + ")");
            }
          }
        }
      }
      case TransferTarget.Queue q -> {
        boolean known = q.name().equals(ctx.settings().queue())
            || ctx.acd().queues().stream().anyMatch(c -> c.name().equals(q.name()));
        if (!known) {
          throw new IllegalArgumentException("there is no queue " + q.name());
        }
        if (ctx.acd().servingAgents(q.name()) == 0) {
          throw new IllegalStateException("nobody serves queue " + q.name() + " now");
        }
      }
      case TransferTarget.External x -> {
        if (ctx.acd().trunk() == null) {
          throw new IllegalArgumentException("transfers to outside numbers (" + x.number()
              + ") need a trunk: set \"trunk\" in the routing document");
        }
      }
    }
  }
}
