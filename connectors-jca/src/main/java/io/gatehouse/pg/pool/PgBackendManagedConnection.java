package io.gatehouse.pg.pool;

import io.gatehouse.connector.ra.ManagedConnectionSupport;
import io.gatehouse.pg.backend.BackendConnection;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;

/** One physical, authenticated backend connection in the container's pool. */
final class PgBackendManagedConnection extends ManagedConnectionSupport {

  private static final Logger LOG = Logger.getLogger(PgBackendManagedConnection.class.getName());

  private final PgBackendRequest request;
  private final BackendConnection backend;
  private final List<PgBackendHandle> handles = new CopyOnWriteArrayList<>();
  private volatile boolean destroyed;
  private volatile boolean broken;
  private volatile boolean used;

  PgBackendManagedConnection(PgBackendRequest request, BackendConnection backend) {
    super("backend connections");
    this.request = request;
    this.backend = backend;
  }

  // A pooled backend the target has closed meanwhile (restarted, killed) is never handed out.
  boolean matches(ConnectionRequestInfo info) {
    return !destroyed && !broken && request.equals(info) && backend.idleAndOpen();
  }

  BackendConnection backend() {
    return backend;
  }

  @Override
  public Object getConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    if (destroyed) {
      throw new ResourceException("backend connection was destroyed");
    }
    PgBackendHandle handle = new PgBackendHandle(this);
    handles.add(handle);
    used = true;
    return handle;
  }

  void handleClosed(PgBackendHandle handle) {
    handles.remove(handle);
    fireClosed(handle);
  }

  void handleBroken(PgBackendHandle handle, String why) {
    handles.remove(handle);
    // Closed now: its session state is unknown, so the pool's cleanup must not try to reset it
    // (a reset would wait on a connection another thread may still be reading).
    broken = true;
    try {
      backend.close();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing a broken backend failed", e);
    }
    fireError(handle, new IOException(why));
  }

  /** Back to the pool: reset the session state so the next user starts clean. */
  @Override
  public void cleanup() throws ResourceException {
    for (PgBackendHandle handle : handles) {
      handle.reassociate(null);
    }
    handles.clear();
    if (destroyed || broken || !used) {
      return;
    }
    try {
      backend.reset();
    } catch (IOException e) {
      throw new ResourceException("backend could not be reset; it will be destroyed", e);
    }
  }

  @Override
  public void destroy() {
    if (destroyed) {
      return;
    }
    destroyed = true;
    try {
      backend.close();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing a backend failed", e);
    }
  }

  @Override
  public void associateConnection(Object connection) throws ResourceException {
    if (!(connection instanceof PgBackendHandle handle)) {
      throw new ResourceException("not a backend handle: " + connection);
    }
    handle.reassociate(this);
    handles.add(handle);
  }

  @Override
  protected String productName() {
    return "PostgreSQL";
  }

  @Override
  protected String productVersion() {
    return backend.parameters().getOrDefault("server_version", "unknown");
  }

  @Override
  protected String userName() {
    return request.target().username();
  }
}
