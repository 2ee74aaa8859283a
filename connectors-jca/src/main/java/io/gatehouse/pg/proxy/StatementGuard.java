package io.gatehouse.pg.proxy;

/** Decides each statement before it reaches the target. Must be fast on a repeated shape. */
@FunctionalInterface
public interface StatementGuard {

  /** The verdict on {@code sql}, which may hold several statements (simple query). */
  Verdict check(String sql);
}
