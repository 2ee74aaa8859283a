package io.gatehouse.connector.ra;

import io.gatehouse.connector.api.ControlPlane;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ResourceAdapter;

/** Activates the control plane's message-driven bean as the data plane's {@link ControlPlane}. */
@Activation(messageListeners = ControlPlane.class)
public class ControlPlaneActivationSpec implements ActivationSpec {

  private ResourceAdapter resourceAdapter;

  @Override
  public void validate() {
    // Nothing to configure: there is one control plane per application.
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter resourceAdapter) {
    this.resourceAdapter = resourceAdapter;
  }
}
