package io.gatehouse.pg.pool;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/** The factory applications see; every request goes through the container's pool. */
final class PgBackendConnectionFactoryImpl implements PgBackendConnectionFactory {

  private static final long serialVersionUID = 1L;

  private final transient PgBackendManagedConnectionFactory managedFactory;
  private final transient ConnectionManager connectionManager;
  private Reference reference;

  PgBackendConnectionFactoryImpl(
      PgBackendManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
    this.managedFactory = managedFactory;
    this.connectionManager = connectionManager;
  }

  @Override
  public PgBackend getConnection(PgBackendRequest request) throws ResourceException {
    return (PgBackend) connectionManager.allocateConnection(managedFactory, request);
  }

  @Override
  public void setReference(Reference reference) {
    this.reference = reference;
  }

  @Override
  public Reference getReference() {
    return reference;
  }
}
