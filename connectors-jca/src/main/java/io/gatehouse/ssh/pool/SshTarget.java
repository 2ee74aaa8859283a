package io.gatehouse.ssh.pool;

import org.apache.sshd.client.session.ClientSession;

/**
 * A gateway session's handle on a pooled target session. {@link #close()} returns it to the pool;
 * {@link #discard()} has it destroyed instead (broken, or not to be reused).
 */
public interface SshTarget extends AutoCloseable {

  /** The authenticated target session: open channels on it, never close it. */
  ClientSession session();

  /** Back to the pool; channels still open on the session are closed first. */
  @Override
  void close();

  /** The session is unusable: it is closed and destroyed, not reused. */
  void discard();
}
