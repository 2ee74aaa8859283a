package io.gatehouse.connector.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;

/** A pooled admin connection: no socket, just the adapter's live sessions. */
final class GatewayAdminManagedConnection extends ManagedConnectionSupport {

  private final LiveSessions live;
  private final List<GatewayAdminHandle> handles = new CopyOnWriteArrayList<>();
  private volatile boolean destroyed;

  GatewayAdminManagedConnection(LiveSessions live) {
    super("admin connections");
    this.live = live;
  }

  boolean usable() {
    return !destroyed;
  }

  LiveSessions live() {
    return live;
  }

  @Override
  public Object getConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    if (destroyed) {
      throw new ResourceException("admin connection was destroyed");
    }
    GatewayAdminHandle handle = new GatewayAdminHandle(this);
    handles.add(handle);
    return handle;
  }

  void handleClosed(GatewayAdminHandle handle) {
    handles.remove(handle);
    fireClosed(handle);
  }

  @Override
  public void cleanup() {
    for (GatewayAdminHandle handle : handles) {
      handle.reassociate(null);
    }
    handles.clear();
  }

  @Override
  public void destroy() {
    destroyed = true;
    cleanup();
  }

  @Override
  public void associateConnection(Object connection) throws ResourceException {
    if (!(connection instanceof GatewayAdminHandle handle)) {
      throw new ResourceException("not an admin handle: " + connection);
    }
    handle.reassociate(this);
    handles.add(handle);
  }

  @Override
  protected String productName() {
    return "Gatehouse data plane";
  }

  @Override
  protected String productVersion() {
    return "0.1";
  }

  @Override
  protected String userName() {
    return null;
  }
}
