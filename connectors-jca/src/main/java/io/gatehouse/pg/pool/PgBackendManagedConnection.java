package io.gatehouse.pg.pool;

import io.gatehouse.pg.backend.BackendConnection;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/** One physical, authenticated backend connection in the container's pool. */
final class PgBackendManagedConnection implements ManagedConnection {

  private static final Logger LOG = Logger.getLogger(PgBackendManagedConnection.class.getName());

  private final PgBackendRequest request;
  private final BackendConnection backend;
  private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
  private final List<PgBackendHandle> handles = new CopyOnWriteArrayList<>();
  private volatile boolean destroyed;
  private volatile boolean broken;
  private volatile boolean used;
  private PrintWriter logWriter;

  PgBackendManagedConnection(PgBackendRequest request, BackendConnection backend) {
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
    fire(ConnectionEvent.CONNECTION_CLOSED, handle, null);
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
    fire(ConnectionEvent.CONNECTION_ERROR_OCCURRED, handle, new IOException(why));
  }

  private void fire(int type, PgBackendHandle handle, Exception cause) {
    ConnectionEvent event =
        cause == null ? new ConnectionEvent(this, type) : new ConnectionEvent(this, type, cause);
    event.setConnectionHandle(handle);
    for (ConnectionEventListener listener : listeners) {
      switch (type) {
        case ConnectionEvent.CONNECTION_CLOSED -> listener.connectionClosed(event);
        case ConnectionEvent.CONNECTION_ERROR_OCCURRED -> listener.connectionErrorOccurred(event);
        default -> throw new IllegalArgumentException("unexpected event " + type);
      }
    }
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
  public void addConnectionEventListener(ConnectionEventListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeConnectionEventListener(ConnectionEventListener listener) {
    listeners.remove(listener);
  }

  @Override
  public XAResource getXAResource() throws ResourceException {
    throw new NotSupportedException("backend connections take no part in transactions");
  }

  @Override
  public LocalTransaction getLocalTransaction() throws ResourceException {
    throw new NotSupportedException("backend connections take no part in transactions");
  }

  @Override
  public ManagedConnectionMetaData getMetaData() {
    return new ManagedConnectionMetaData() {
      @Override
      public String getEISProductName() {
        return "PostgreSQL";
      }

      @Override
      public String getEISProductVersion() {
        return backend.parameters().getOrDefault("server_version", "unknown");
      }

      @Override
      public int getMaxConnections() {
        return 0;
      }

      @Override
      public String getUserName() {
        return request.target().username();
      }
    };
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }
}
