package io.gatehouse.pg.pool;

import io.gatehouse.pg.backend.BackendConnection;

/**
 * A session's handle on a pooled backend. {@link #close()} returns it to the pool; a session that
 * saw the backend break (or left it mid-query) calls {@link #discard()} instead, so the pool
 * destroys it rather than hand it to someone else.
 */
public interface PgBackend extends AutoCloseable {

  /** The authenticated backend connection. */
  BackendConnection connection();

  /** Returns the connection to the pool (reset before its next use). */
  @Override
  void close();

  /** Tells the pool the connection is unusable; it is destroyed, not reused. */
  void discard();
}
