package io.gatehouse.connector.ra;

import io.gatehouse.connector.api.GatewayAdminConnection;
import io.gatehouse.connector.api.GatewayAdminConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/** The factory the control plane looks up; every connection goes through the container. */
final class GatewayAdminConnectionFactoryImpl implements GatewayAdminConnectionFactory {

  private static final long serialVersionUID = 1L;

  private final transient GatewayAdminManagedConnectionFactory managedFactory;
  private final transient ConnectionManager connectionManager;
  private Reference reference;

  GatewayAdminConnectionFactoryImpl(
      GatewayAdminManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
    this.managedFactory = managedFactory;
    this.connectionManager = connectionManager;
  }

  @Override
  public GatewayAdminConnection getConnection() throws ResourceException {
    return (GatewayAdminConnection) connectionManager.allocateConnection(managedFactory, null);
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
