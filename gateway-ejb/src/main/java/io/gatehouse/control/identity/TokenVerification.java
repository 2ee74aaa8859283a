package io.gatehouse.control.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one access-token verifier of the application (it caches the verification key). */
@ApplicationScoped
public class TokenVerification {

  @Inject IdentitySettings settings;

  private volatile AccessTokenVerifier verifier;

  public VerifiedIdentity verify(String token) throws AccessTokenVerifier.InvalidTokenException {
    AccessTokenVerifier current = verifier;
    if (current == null) {
      current = new AccessTokenVerifier(settings);
      verifier = current;
    }
    return current.verify(token);
  }
}
