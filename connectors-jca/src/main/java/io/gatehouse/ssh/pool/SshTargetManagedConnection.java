package io.gatehouse.ssh.pool;

import io.gatehouse.connector.ra.ManagedConnectionSupport;
import io.gatehouse.ssh.relay.TargetSignals;
import io.gatehouse.ssh.server.SessionAttributes;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;

/**
 * One authenticated target session in the container's pool.
 *
 * <p><b>Isolation.</b> A pooled session carries only what every user of the connection shares
 * anyway: the TCP connection, the key exchange, and the gateway's own login on the target (the
 * connection's login, not the client's). Everything a client does happens on its own channels: each
 * exec, shell or sftp channel is a separate process on the target with its own environment,
 * terminal and streams, and one channel cannot read another's data. The session is leased to one
 * gateway session at a time, and any channel still open when it comes back is closed before the
 * next lease, so a later user never sees an earlier user's channel. The gateway forwards no ports,
 * agents or X11 over target sessions, so no session-wide forwarding state exists to leak.
 * (Processes a user leaves running on the target, e.g. with {@code nohup}, outlive the channel with
 * or without pooling.)
 */
final class SshTargetManagedConnection extends ManagedConnectionSupport {

  private static final Logger LOG = Logger.getLogger(SshTargetManagedConnection.class.getName());

  private final SshTargetRequest request;
  private final ClientSession session;
  private final List<SshTargetHandle> handles = new CopyOnWriteArrayList<>();
  private volatile boolean destroyed;

  SshTargetManagedConnection(SshTargetRequest request, ClientSession session) {
    super("target sessions");
    this.request = request;
    this.session = session;
  }

  boolean matches(ConnectionRequestInfo info) {
    return !destroyed && session.isOpen() && request.equals(info);
  }

  ClientSession session() {
    return session;
  }

  @Override
  public Object getConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    if (destroyed || !session.isOpen()) {
      throw new ResourceException("target session is closed");
    }
    SshTargetHandle handle = new SshTargetHandle(this);
    handles.add(handle);
    return handle;
  }

  void handleClosed(SshTargetHandle handle) {
    handles.remove(handle);
    if (session.isOpen()) {
      fireClosed(handle);
    } else {
      fireError(handle, new IOException("target session closed"));
    }
  }

  void handleBroken(SshTargetHandle handle, String why) {
    handles.remove(handle);
    fireError(handle, new IOException(why));
  }

  /** Back to the pool: close what the last user left open, so the next one starts clean. */
  @Override
  public void cleanup() throws ResourceException {
    for (SshTargetHandle handle : handles) {
      handle.reassociate(null);
    }
    handles.clear();
    if (destroyed) {
      return;
    }
    if (!session.isOpen()) {
      throw new ResourceException("target session closed; it will be destroyed");
    }
    if (session.getAttribute(SessionAttributes.NOT_POOLED) != null) {
      // Its user's listener or agent must not reach the next user (TargetSessions discards such
      // sessions; this holds should one come back all the same).
      throw new ResourceException("target session carried a forward; it will be destroyed");
    }
    // A process still running is sent TERM, and the channel is closed gracefully: an immediate
    // close only forgets the channel here, and OpenSSH, never told, keeps it allocated (against
    // MaxSessions) for as long as this pooled session lives.
    for (Channel channel : openChannels(session)) {
      if (!channel.isClosing()) {
        if (channel instanceof ClientChannel running) {
          TargetSignals.terminateIfRunning(running);
        }
        channel.close(false);
      }
    }
  }

  /** The channels open on a target session (empty when MINA does not say). */
  static List<Channel> openChannels(ClientSession session) {
    ConnectionService service = session.getService(ConnectionService.class);
    if (service instanceof AbstractConnectionService connections) {
      return new ArrayList<>(connections.getChannels());
    }
    return List.of();
  }

  @Override
  public void destroy() {
    if (destroyed) {
      return;
    }
    destroyed = true;
    try {
      session.close(true);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing a target session failed", e);
    }
  }

  @Override
  public void associateConnection(Object connection) throws ResourceException {
    if (!(connection instanceof SshTargetHandle handle)) {
      throw new ResourceException("not a target session handle: " + connection);
    }
    handle.reassociate(this);
    handles.add(handle);
  }

  @Override
  protected String productName() {
    return "SSH";
  }

  @Override
  protected String productVersion() {
    String version = session.getServerVersion();
    return version == null ? "unknown" : version;
  }

  @Override
  protected String userName() {
    return request.target().username();
  }
}
