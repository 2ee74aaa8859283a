package io.gatehouse.pg.pool;

import io.gatehouse.pg.backend.BackendConnection;

/** A handle on a managed connection; detached once closed or discarded. */
final class PgBackendHandle implements PgBackend {

  private volatile PgBackendManagedConnection managed;

  PgBackendHandle(PgBackendManagedConnection managed) {
    this.managed = managed;
  }

  void reassociate(PgBackendManagedConnection other) {
    this.managed = other;
  }

  @Override
  public BackendConnection connection() {
    return attached().backend();
  }

  @Override
  public void close() {
    PgBackendManagedConnection current = managed;
    managed = null;
    if (current != null) {
      current.handleClosed(this);
    }
  }

  @Override
  public void discard() {
    PgBackendManagedConnection current = managed;
    managed = null;
    if (current != null) {
      current.handleBroken(this, "discarded by the session");
    }
  }

  private PgBackendManagedConnection attached() {
    PgBackendManagedConnection current = managed;
    if (current == null) {
      throw new IllegalStateException("backend handle is closed");
    }
    return current;
  }
}
