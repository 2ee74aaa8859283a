package io.gatehouse.ssh.server;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;

/**
 * SPI: global requests the gateway answers itself, now or later ({@code tcpip-forward} and its
 * cancel, whose answers wait for the target). Answers leave in the order the client asked ({@link
 * OrderedGlobalRequests}), since the client matches them to its requests by order alone.
 */
@FunctionalInterface
public interface GlobalRequests {

  /**
   * Whether {@code request} is one of these; if so, it is answered through {@code reply} exactly
   * once (an answer the client did not ask for is dropped there).
   *
   * @param buffer the request's data, after its name and want-reply flag
   */
  boolean handle(ServerSession session, String request, Buffer buffer, Reply reply)
      throws Exception;

  /** The answer to one global request. */
  interface Reply {
    void success();

    /** Success carrying the port the target chose ({@code tcpip-forward} for port 0). */
    void successWithPort(int port);

    void failure();
  }
}
