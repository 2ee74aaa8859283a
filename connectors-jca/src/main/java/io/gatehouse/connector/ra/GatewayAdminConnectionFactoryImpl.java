package io.gatehouse.connector.ra;

import io.gatehouse.connector.api.GatewayAdminConnection;
import io.gatehouse.connector.api.GatewayAdminConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

/** The factory the control plane looks up; every connection goes through the container. */
final class GatewayAdminConnectionFactoryImpl extends ConnectionFactorySupport
    implements GatewayAdminConnectionFactory {

  private static final long serialVersionUID = 1L;

  GatewayAdminConnectionFactoryImpl(
      GatewayAdminManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
    super(managedFactory, connectionManager);
  }

  @Override
  public GatewayAdminConnection getConnection() throws ResourceException {
    return (GatewayAdminConnection) allocate(null);
  }
}
