package io.gatehouse.ssh.pool;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/** Hands out pooled target sessions; looked up at {@code eis/gatehouse/ssh}. */
public interface SshTargetConnectionFactory extends Serializable, Referenceable {

  String JNDI_NAME = "eis/gatehouse/ssh";

  /** An authenticated, open target session for {@code request}, for the caller alone. */
  SshTarget getConnection(SshTargetRequest request) throws ResourceException;
}
