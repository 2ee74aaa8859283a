package io.gatehouse.control.application;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling the control plane, as the verified token says: the checks of grants and reviews
 * run on this, never on what a request body claims.
 */
public record Caller(String name, Set<String> groups) {

  public static final String ADMIN = "gatehouse-admin";
  public static final String REVIEWER = "gatehouse-reviewer";
  public static final String AUDITOR = "gatehouse-auditor";

  public Caller {
    Objects.requireNonNull(name, "name");
    groups = Set.copyOf(groups);
  }

  public boolean admin() {
    return groups.contains(ADMIN);
  }

  /** Admins, reviewers and auditors see everyone's grants and reviews. */
  public boolean overseer() {
    return admin() || groups.contains(REVIEWER) || groups.contains(AUDITOR);
  }
}
