package io.gatehouse.connector.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pools like a container: match an idle connection, else create; listens for events. */
public final class RecordingConnectionManager
    implements ConnectionManager, ConnectionEventListener {
  private static final long serialVersionUID = 1L;
  public final Set<ManagedConnection> idle = new HashSet<>();
  public final List<String> events = new ArrayList<>();
  public int created;

  @Override
  public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
      throws ResourceException {
    ManagedConnection managed = factory.matchManagedConnections(idle, null, info);
    if (managed == null) {
      managed = factory.createManagedConnection(null, info);
      managed.addConnectionEventListener(this);
      created++;
    } else {
      idle.remove(managed);
    }
    return managed.getConnection(null, info);
  }

  @Override
  public void connectionClosed(ConnectionEvent event) {
    events.add("closed");
    ManagedConnection managed = (ManagedConnection) event.getSource();
    try {
      managed.cleanup();
      idle.add(managed);
    } catch (ResourceException e) {
      events.add("cleanup-failed");
      try {
        managed.destroy();
      } catch (ResourceException ignored) {
        // already broken
      }
    }
  }

  @Override
  public void connectionErrorOccurred(ConnectionEvent event) {
    events.add("error");
    try {
      ((ManagedConnection) event.getSource()).destroy();
    } catch (ResourceException ignored) {
      // destroy is idempotent
    }
  }

  @Override
  public void localTransactionStarted(ConnectionEvent event) {}

  @Override
  public void localTransactionCommitted(ConnectionEvent event) {}

  @Override
  public void localTransactionRolledback(ConnectionEvent event) {}
}
