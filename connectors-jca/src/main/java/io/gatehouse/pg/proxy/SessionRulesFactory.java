package io.gatehouse.pg.proxy;

import io.gatehouse.connector.api.SessionPlan;

/** Compiles a session plan into the rules a PostgreSQL session enforces. */
@FunctionalInterface
public interface SessionRulesFactory {

  /**
   * @throws IllegalStateException when the plan's policy cannot be used (the session is refused:
   *     fail closed)
   */
  SessionRules rulesFor(SessionPlan plan, String clientAddress);
}
