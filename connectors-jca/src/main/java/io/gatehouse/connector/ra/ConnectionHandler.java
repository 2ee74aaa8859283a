package io.gatehouse.connector.ra;

import java.io.IOException;
import java.net.Socket;

/** Serves one accepted client connection to its end, on a work manager thread. */
@FunctionalInterface
public interface ConnectionHandler {

  /** Serves {@code client} until the session ends. The listener closes the socket afterwards. */
  void serve(Socket client) throws IOException;
}
