package io.gatehouse.connector.ra;

import io.gatehouse.connector.api.GatewayAdminConnection;
import io.gatehouse.connector.api.GatewayAdminConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The outbound connection definition through which the control plane reaches this server's live
 * sessions. A connection holds no physical resource: it is a view of the adapter's {@link
 * LiveSessions}, so any pooled one matches any request.
 */
@ConnectionDefinition(
    connectionFactory = GatewayAdminConnectionFactory.class,
    connectionFactoryImpl = GatewayAdminConnectionFactoryImpl.class,
    connection = GatewayAdminConnection.class,
    connectionImpl = GatewayAdminHandle.class)
public class GatewayAdminManagedConnectionFactory extends ManagedConnectionFactorySupport {

  private static final long serialVersionUID = 1L;

  @Override
  public Object createConnectionFactory(ConnectionManager connectionManager) {
    return new GatewayAdminConnectionFactoryImpl(this, connectionManager);
  }

  @Override
  public Object createConnectionFactory() throws ResourceException {
    throw new jakarta.resource.NotSupportedException(
        "The data plane's admin connections exist only inside the server");
  }

  @Override
  public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    if (!(getResourceAdapter() instanceof GatewayResourceAdapter adapter)) {
      throw new ResourceException("not associated with the Gatehouse resource adapter");
    }
    return new GatewayAdminManagedConnection(adapter.liveSessions());
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ManagedConnection matchManagedConnections(
      Set candidates, Subject subject, ConnectionRequestInfo info) {
    for (Object candidate : candidates) {
      if (candidate instanceof GatewayAdminManagedConnection managed && managed.usable()) {
        return managed;
      }
    }
    return null;
  }
}
