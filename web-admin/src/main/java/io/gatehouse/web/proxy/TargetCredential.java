package io.gatehouse.web.proxy;

import io.gatehouse.http.HeaderList;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The credential the gateway injects towards the target; {@code toString} never shows it. (Client
 * certificates are not supported yet: they need a key manager per target in {@link
 * UpstreamClients}.)
 */
public sealed interface TargetCredential {

  /** Sets the target's {@code Authorization} on the outgoing headers. */
  void apply(HeaderList headers);

  /** {@code Authorization: Bearer …}: a Kubernetes service account token, an API key. */
  record Bearer(String token) implements TargetCredential {
    @Override
    public void apply(HeaderList headers) {
      headers.set("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
      return "Bearer[****]";
    }
  }

  /** {@code Authorization: Basic …}. */
  record Basic(String username, String password) implements TargetCredential {
    @Override
    public void apply(HeaderList headers) {
      String pair = username + ":" + password;
      headers.set(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "Basic[" + username + ":****]";
    }
  }

  /** No credential: the target is open to the gateway. */
  record None() implements TargetCredential {
    @Override
    public void apply(HeaderList headers) {}
  }
}
