package io.gatehouse.connector.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/**
 * The control plane's outbound way into the data plane: list and end live sessions. Looked up at
 * {@code eis/gatehouse/admin}.
 */
public interface GatewayAdminConnectionFactory extends Serializable, Referenceable {

  String JNDI_NAME = "eis/gatehouse/admin";

  GatewayAdminConnection getConnection() throws ResourceException;
}
