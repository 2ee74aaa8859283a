package io.gatehouse.pg.proxy;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes a client's CancelRequest to the right backend. Each session gets a gateway-issued process
 * id and secret (the backend's own are never shown to the client, since pooled backends change
 * hands); a CancelRequest naming them cancels whatever that session's backend runs.
 */
final class CancelRegistry {

  /** Cancels the running statement of one session. */
  @FunctionalInterface
  interface Canceller {
    void cancel();
  }

  record Key(int processId, int secret) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<Integer, Registration> byProcessId = new ConcurrentHashMap<>();

  private record Registration(int secret, Canceller canceller) {}

  Key register(Canceller canceller) {
    while (true) {
      int processId = RANDOM.nextInt(Integer.MAX_VALUE - 1) + 1;
      Registration registration = new Registration(RANDOM.nextInt(), canceller);
      if (byProcessId.putIfAbsent(processId, registration) == null) {
        return new Key(processId, registration.secret());
      }
    }
  }

  void unregister(Key key) {
    byProcessId.computeIfPresent(key.processId(), (id, r) -> r.secret() == key.secret() ? null : r);
  }

  /** Cancels if the key is known and the secret matches; silently ignores anything else. */
  boolean cancel(int processId, int secret) {
    Registration registration = byProcessId.get(processId);
    if (registration == null || registration.secret() != secret) {
      return false;
    }
    registration.canceller().cancel();
    return true;
  }
}
