package io.gatehouse.connector.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.transaction.xa.XAResource;

/**
 * What every managed connection of this adapter shares: the container's event listeners (told when
 * a handle is closed or its connection broke), no part in transactions, and the log writer.
 */
public abstract class ManagedConnectionSupport implements ManagedConnection {

  private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
  private final String kind;
  private PrintWriter logWriter;

  /**
   * @param kind what the connections are, plural, for messages ("backend connections")
   */
  protected ManagedConnectionSupport(String kind) {
    this.kind = kind;
  }

  /** Tells the container a handle was closed: the connection goes back to the pool. */
  protected void fireClosed(Object handle) {
    ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
    event.setConnectionHandle(handle);
    for (ConnectionEventListener listener : listeners) {
      listener.connectionClosed(event);
    }
  }

  /** Tells the container the connection is broken: it is destroyed, never reused. */
  protected void fireError(Object handle, Exception cause) {
    ConnectionEvent event =
        new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
    event.setConnectionHandle(handle);
    for (ConnectionEventListener listener : listeners) {
      listener.connectionErrorOccurred(event);
    }
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
    throw new NotSupportedException(kind + " take no part in transactions");
  }

  @Override
  public LocalTransaction getLocalTransaction() throws ResourceException {
    throw new NotSupportedException(kind + " take no part in transactions");
  }

  /** The target product's name, for the container's connection metadata. */
  protected abstract String productName();

  /** The target product's version, or "unknown". */
  protected abstract String productVersion();

  /** Who the connection authenticates as on the target, or null. */
  protected abstract String userName();

  @Override
  public ManagedConnectionMetaData getMetaData() {
    return new ManagedConnectionMetaData() {
      @Override
      public String getEISProductName() {
        return productName();
      }

      @Override
      public String getEISProductVersion() {
        return productVersion();
      }

      @Override
      public int getMaxConnections() {
        return 0;
      }

      @Override
      public String getUserName() {
        return userName();
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
