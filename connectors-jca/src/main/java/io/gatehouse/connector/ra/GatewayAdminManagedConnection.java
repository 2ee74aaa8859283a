package io.gatehouse.connector.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/** A pooled admin connection: no socket, just the adapter's live sessions. */
final class GatewayAdminManagedConnection implements ManagedConnection {

  private final LiveSessions live;
  private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
  private final List<GatewayAdminHandle> handles = new CopyOnWriteArrayList<>();
  private volatile boolean destroyed;
  private PrintWriter logWriter;

  GatewayAdminManagedConnection(LiveSessions live) {
    this.live = live;
  }

  boolean usable() {
    return !destroyed;
  }

  LiveSessions live() {
    return live;
  }

  @Override
  public Object getConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    if (destroyed) {
      throw new ResourceException("admin connection was destroyed");
    }
    GatewayAdminHandle handle = new GatewayAdminHandle(this);
    handles.add(handle);
    return handle;
  }

  void handleClosed(GatewayAdminHandle handle) {
    handles.remove(handle);
    ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
    event.setConnectionHandle(handle);
    for (ConnectionEventListener listener : listeners) {
      listener.connectionClosed(event);
    }
  }

  @Override
  public void cleanup() {
    for (GatewayAdminHandle handle : handles) {
      handle.reassociate(null);
    }
    handles.clear();
  }

  @Override
  public void destroy() {
    destroyed = true;
    cleanup();
  }

  @Override
  public void associateConnection(Object connection) throws ResourceException {
    if (!(connection instanceof GatewayAdminHandle handle)) {
      throw new ResourceException("not an admin handle: " + connection);
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
    throw new NotSupportedException("admin connections take no part in transactions");
  }

  @Override
  public LocalTransaction getLocalTransaction() throws ResourceException {
    throw new NotSupportedException("admin connections take no part in transactions");
  }

  @Override
  public ManagedConnectionMetaData getMetaData() {
    return new ManagedConnectionMetaData() {
      @Override
      public String getEISProductName() {
        return "Gatehouse data plane";
      }

      @Override
      public String getEISProductVersion() {
        return "0.1";
      }

      @Override
      public int getMaxConnections() {
        return 0;
      }

      @Override
      public String getUserName() {
        return null;
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
