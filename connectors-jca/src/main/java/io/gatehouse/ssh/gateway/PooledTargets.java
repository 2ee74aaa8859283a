package io.gatehouse.ssh.gateway;

import io.gatehouse.ssh.pool.SshTarget;
import io.gatehouse.ssh.pool.SshTargetConnectionFactory;
import io.gatehouse.ssh.pool.SshTargetRequest;
import io.gatehouse.ssh.relay.TargetEndpoint;
import io.gatehouse.ssh.relay.TargetPool;
import io.gatehouse.ssh.relay.TargetUnavailableException;
import jakarta.resource.ResourceException;
import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.session.ServerSession;

/**
 * Target sessions from the container's pool ({@code eis/gatehouse/ssh}), keyed by the session
 * plan's connection and credential version.
 */
public final class PooledTargets implements TargetPool {

  /** Where the pool's connection factory comes from (looked up once it is needed). */
  @FunctionalInterface
  public interface FactorySource {
    SshTargetConnectionFactory factory() throws IOException;
  }

  private final FactorySource source;
  private volatile SshTargetConnectionFactory factory;

  public PooledTargets(FactorySource source) {
    this.source = source;
  }

  @Override
  public TargetLease lease(ServerSession session, TargetEndpoint target)
      throws TargetUnavailableException {
    SshSessionState state = session.getAttribute(SshSessionState.KEY);
    if (state == null) {
      throw new TargetUnavailableException("this session has no session plan");
    }
    SshTargetRequest request =
        new SshTargetRequest(
            state.plan().connection(), target, state.plan().target().credentialVersion());
    SshTarget handle;
    try {
      handle = factory().getConnection(request);
    } catch (ResourceException e) {
      throw new TargetUnavailableException(message(e), e);
    } catch (TargetUnavailableException e) {
      throw e;
    } catch (IOException e) {
      throw new TargetUnavailableException("target session pool unavailable: " + e.getMessage(), e);
    }
    ClientSession opened = handle.session();
    return new TargetLease() {
      @Override
      public ClientSession session() {
        return opened;
      }

      @Override
      public void release() {
        handle.close();
      }

      @Override
      public void discard() {
        handle.discard();
      }
    };
  }

  private SshTargetConnectionFactory factory() throws IOException {
    SshTargetConnectionFactory current = factory;
    if (current == null) {
      current = source.factory();
      factory = current;
    }
    return current;
  }

  // The adapter's own failure (host key mismatch, login refused) is in the cause chain.
  private static String message(ResourceException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TargetUnavailableException target) {
        return target.getMessage();
      }
    }
    return "cannot open a target session: " + e.getMessage();
  }
}
