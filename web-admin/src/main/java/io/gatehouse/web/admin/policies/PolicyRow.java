package io.gatehouse.web.admin.policies;

import io.gatehouse.control.application.PolicyView;
import io.gatehouse.web.admin.Times;
import java.io.Serializable;

/** One policy in the list. */
public record PolicyRow(
    String name, String description, int rules, long version, String updatedAt, long usedBy)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static PolicyRow of(PolicyView v) {
    return new PolicyRow(
        v.name(),
        v.description() == null ? "" : v.description(),
        v.ruleCount(),
        v.version(),
        Times.format(v.updatedAt()),
        v.usedBy());
  }
}
