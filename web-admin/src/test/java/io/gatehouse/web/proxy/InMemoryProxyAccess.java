package io.gatehouse.web.proxy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only {@link ProxyAccess}: tokens map to identities, identities to connections. */
final class InMemoryProxyAccess implements ProxyAccess {

  private final Map<String, String> identityByToken = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> connectionsByIdentity = new ConcurrentHashMap<>();
  private final Map<String, ProxyTarget> targets = new ConcurrentHashMap<>();
  private final AtomicInteger sessions = new AtomicInteger();

  InMemoryProxyAccess token(String token, String identity, String... connections) {
    identityByToken.put(token, identity);
    connectionsByIdentity.put(identity, Set.of(connections));
    return this;
  }

  InMemoryProxyAccess connection(ProxyTarget target) {
    targets.put(target.connection(), target);
    return this;
  }

  @Override
  public ProxyTarget resolve(String connection, ProxyCaller caller) throws ProxyDeniedException {
    String identity =
        caller.bearerToken() == null ? null : identityByToken.get(caller.bearerToken());
    if (identity == null) {
      throw new ProxyDeniedException(401, "a valid bearer token is required");
    }
    ProxyTarget t = targets.get(connection);
    if (t == null) {
      throw new ProxyDeniedException(404, "no such connection: " + connection);
    }
    if (!connectionsByIdentity.get(identity).contains(connection)) {
      throw new ProxyDeniedException(403, identity + " may not use " + connection);
    }
    return new ProxyTarget(
        t.connection(),
        t.protocol(),
        t.baseUri(),
        t.credential(),
        t.caPem(),
        identity,
        "s" + sessions.incrementAndGet(),
        t.tlsMode());
  }
}
