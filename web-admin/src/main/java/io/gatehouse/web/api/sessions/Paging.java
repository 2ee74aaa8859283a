package io.gatehouse.web.api.sessions;

import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/** Checks offset and limit query parameters. */
final class Paging {

  private Paging() {}

  static void check(int offset, int limit, int maxLimit) {
    List<Violation> violations = new ArrayList<>();
    if (offset < 0) {
      violations.add(new Violation("offset", "must be 0 or more"));
    }
    if (limit < 1 || limit > maxLimit) {
      violations.add(new Violation("limit", "must be 1-" + maxLimit));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException("Bad paging parameters", violations);
    }
  }
}
