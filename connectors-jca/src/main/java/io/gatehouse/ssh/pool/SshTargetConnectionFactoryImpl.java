package io.gatehouse.ssh.pool;

import io.gatehouse.connector.ra.ConnectionFactorySupport;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

/** The factory the data plane sees; every request goes through the container's pool. */
final class SshTargetConnectionFactoryImpl extends ConnectionFactorySupport
    implements SshTargetConnectionFactory {

  private static final long serialVersionUID = 1L;

  SshTargetConnectionFactoryImpl(
      SshTargetManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
    super(managedFactory, connectionManager);
  }

  @Override
  public SshTarget getConnection(SshTargetRequest request) throws ResourceException {
    return (SshTarget) allocate(request);
  }
}
