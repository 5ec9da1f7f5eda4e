package org.atalaya.core.tenants;

/** Tenant constants. Multi-tenant administration comes later; every row already carries one. */
public final class Tenants {
  /** The tenant of a single-company installation and of the demo. */
  public static final String DEFAULT = "default";

  private Tenants() {}
}
