package io.gatehouse.web.api;

/** Roles come straight from the token's groups (MP JWT maps groups to roles). */
public final class Roles {
  public static final String ADMIN = "gatehouse-admin";
  public static final String REVIEWER = "gatehouse-reviewer";
  public static final String AUDITOR = "gatehouse-auditor";

  private Roles() {}
}
