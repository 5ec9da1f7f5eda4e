package org.atalaya.web.live;

import org.atalaya.core.monitoring.Actor;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Principal;

/** Translations between the web's principal and errors and monitoring's. */
final class Actors {
  private Actors() {}

  static Actor of(Principal p) {
    return new Actor(p.tenantId(), p.login(), p.role(), p.agentExtension());
  }

  /** 403 unless the principal supervises (checked before any lookup, so nothing leaks). */
  static void requireSupervisor(Principal p) {
    if (!of(p).maySupervise()) {
      throw ApiException.forbidden();
    }
  }
}
