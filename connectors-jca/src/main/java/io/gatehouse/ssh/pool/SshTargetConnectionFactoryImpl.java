package io.gatehouse.ssh.pool;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/** The factory the data plane sees; every request goes through the container's pool. */
final class SshTargetConnectionFactoryImpl implements SshTargetConnectionFactory {

  private static final long serialVersionUID = 1L;

  private final transient SshTargetManagedConnectionFactory managedFactory;
  private final transient ConnectionManager connectionManager;
  private Reference reference;

  SshTargetConnectionFactoryImpl(
      SshTargetManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
    this.managedFactory = managedFactory;
    this.connectionManager = connectionManager;
  }

  @Override
  public SshTarget getConnection(SshTargetRequest request) throws ResourceException {
    return (SshTarget) connectionManager.allocateConnection(managedFactory, request);
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
