package io.gatehouse.ssh.pool;

import org.apache.sshd.client.session.ClientSession;

/** A handle on a managed target session; detached once closed or discarded. */
final class SshTargetHandle implements SshTarget {

  private volatile SshTargetManagedConnection managed;

  SshTargetHandle(SshTargetManagedConnection managed) {
    this.managed = managed;
  }

  void reassociate(SshTargetManagedConnection other) {
    this.managed = other;
  }

  @Override
  public ClientSession session() {
    SshTargetManagedConnection current = managed;
    if (current == null) {
      throw new IllegalStateException("target session handle is closed");
    }
    return current.session();
  }

  @Override
  public void close() {
    SshTargetManagedConnection current = managed;
    managed = null;
    if (current != null) {
      current.handleClosed(this);
    }
  }

  @Override
  public void discard() {
    SshTargetManagedConnection current = managed;
    managed = null;
    if (current != null) {
      current.handleBroken(this, "discarded by the gateway session");
    }
  }
}
