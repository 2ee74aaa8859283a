package io.gatehouse.pg.pool;

import io.gatehouse.connector.ra.ConnectionFactorySupport;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

/** The factory applications see; every request goes through the container's pool. */
final class PgBackendConnectionFactoryImpl extends ConnectionFactorySupport
    implements PgBackendConnectionFactory {

  private static final long serialVersionUID = 1L;

  PgBackendConnectionFactoryImpl(
      PgBackendManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
    super(managedFactory, connectionManager);
  }

  @Override
  public PgBackend getConnection(PgBackendRequest request) throws ResourceException {
    return (PgBackend) allocate(request);
  }
}
