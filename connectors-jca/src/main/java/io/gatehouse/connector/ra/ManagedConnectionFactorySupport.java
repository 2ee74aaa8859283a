package io.gatehouse.connector.ra;

import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;

/**
 * What every managed connection factory of this adapter shares: its association with the resource
 * adapter, the container's log writer, and identity equality (the container keeps one factory per
 * configured connection factory).
 */
public abstract class ManagedConnectionFactorySupport
    implements ManagedConnectionFactory, ResourceAdapterAssociation {

  private static final long serialVersionUID = 1L;

  private transient ResourceAdapter resourceAdapter;
  private transient PrintWriter logWriter;

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter resourceAdapter) {
    this.resourceAdapter = resourceAdapter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public final boolean equals(Object other) {
    return this == other;
  }

  @Override
  public final int hashCode() {
    return System.identityHashCode(this);
  }
}
