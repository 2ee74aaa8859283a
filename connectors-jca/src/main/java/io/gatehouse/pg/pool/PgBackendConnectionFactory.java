package io.gatehouse.pg.pool;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/** Hands out pooled backend connections; looked up at {@code eis/gatehouse/postgres}. */
public interface PgBackendConnectionFactory extends Serializable, Referenceable {

  String JNDI_NAME = "eis/gatehouse/postgres";

  /** A ready backend for {@code request}: authenticated, idle, reset if it was reused. */
  PgBackend getConnection(PgBackendRequest request) throws ResourceException;
}
