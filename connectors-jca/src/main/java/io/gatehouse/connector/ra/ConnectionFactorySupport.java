package io.gatehouse.connector.ra;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * What the adapter's connection factories share: every connection is asked of the container's
 * connection manager (its pool), and the factory keeps the JNDI reference the container sets.
 */
public abstract class ConnectionFactorySupport implements Referenceable, Serializable {

  private static final long serialVersionUID = 1L;

  private final transient ManagedConnectionFactory managedFactory;
  private final transient ConnectionManager connectionManager;
  private Reference reference;

  protected ConnectionFactorySupport(
      ManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
    this.managedFactory = managedFactory;
    this.connectionManager = connectionManager;
  }

  /** A connection handle from the container's pool, matched on {@code request}. */
  protected final Object allocate(ConnectionRequestInfo request) throws ResourceException {
    return connectionManager.allocateConnection(managedFactory, request);
  }

  @Override
  public final void setReference(Reference reference) {
    this.reference = reference;
  }

  @Override
  public final Reference getReference() {
    return reference;
  }
}
