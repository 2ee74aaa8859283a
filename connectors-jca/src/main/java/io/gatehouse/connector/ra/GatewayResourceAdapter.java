package io.gatehouse.connector.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The Gatehouse data plane. Its lifecycle owns the protocol listeners (started on the container's
 * {@link jakarta.resource.spi.work.WorkManager}); its outbound connection definitions are the
 * pooled connections to targets.
 */
@Connector(
    displayName = "Gatehouse data plane",
    description = "Protocol listeners and pooled target connections of the Gatehouse gateway",
    vendorName = "Gatehouse",
    eisType = "Gatehouse access gateway",
    version = "0.1",
    transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class GatewayResourceAdapter implements ResourceAdapter {

  private static final Logger LOG = Logger.getLogger(GatewayResourceAdapter.class.getName());

  @ConfigProperty(description = "Address the protocol listeners bind to", defaultValue = "0.0.0.0")
  private String listenHost = "0.0.0.0";

  private volatile BootstrapContext bootstrapContext;
  private final ControlPlaneEndpoint controlPlane = new ControlPlaneEndpoint();

  @Override
  public void start(BootstrapContext context) throws ResourceAdapterInternalException {
    this.bootstrapContext = context;
    LOG.info(() -> "Gatehouse data plane started; listeners bind to " + listenHost);
  }

  @Override
  public void stop() {
    LOG.info("Gatehouse data plane stopped");
    bootstrapContext = null;
  }

  @Override
  public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec)
      throws ResourceException {
    if (!(spec instanceof ControlPlaneActivationSpec)) {
      throw new jakarta.resource.NotSupportedException(
          "Unsupported activation spec " + spec.getClass().getName());
    }
    controlPlane.activate(factory);
  }

  @Override
  public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
    controlPlane.deactivate(factory);
  }

  /** The control plane, once its message-driven bean is activated. */
  public ControlPlaneEndpoint controlPlane() {
    return controlPlane;
  }

  @Override
  public XAResource[] getXAResources(ActivationSpec[] specs) {
    return new XAResource[0];
  }

  public String getListenHost() {
    return listenHost;
  }

  public void setListenHost(String listenHost) {
    this.listenHost = listenHost;
  }

  BootstrapContext bootstrapContext() {
    return bootstrapContext;
  }

  // A resource adapter JavaBean is compared by the container; identity is the right equality.
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
