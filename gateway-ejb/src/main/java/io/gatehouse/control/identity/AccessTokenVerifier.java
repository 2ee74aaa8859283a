package io.gatehouse.control.identity;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Verifies an access token presented as a data-plane password (psql, ssh) with exactly the rules
 * MicroProfile JWT applies to the REST API: signature by the configured key, the one pinned
 * algorithm, {@code iss}, {@code aud} and {@code exp} required.
 */
public final class AccessTokenVerifier {

  /** Why a token was refused; the message is safe to show the client (it has no token). */
  public static final class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    public enum Reason {
      MALFORMED,
      EXPIRED,
      BAD_SIGNATURE,
      WRONG_ISSUER,
      WRONG_AUDIENCE,
      DISALLOWED_ALGORITHM,
      MISSING_CLAIM,
      KEY_UNAVAILABLE
    }

    InvalidTokenException(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  private final IdentitySettings settings;
  private final AtomicReference<VerificationKeyResolver> resolver = new AtomicReference<>();

  public AccessTokenVerifier(IdentitySettings settings) {
    this.settings = settings;
  }

  public VerifiedIdentity verify(String token) throws InvalidTokenException {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, "no token given");
    }
    JwtConsumer consumer =
        new JwtConsumerBuilder()
            .setRequireExpirationTime()
            .setRequireSubject()
            .setAllowedClockSkewInSeconds(settings.clockSkewSeconds())
            .setExpectedIssuer(true, settings.issuer())
            .setExpectedAudience(true, settings.audience())
            .setJwsAlgorithmConstraints(
                AlgorithmConstraints.ConstraintType.PERMIT, settings.algorithm())
            .setVerificationKeyResolver(resolver())
            .build();
    try {
      JwtClaims claims = consumer.processToClaims(token.strip());
      return new VerifiedIdentity(
          principalName(claims),
          Set.copyOf(groups(claims)),
          java.time.Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
    } catch (InvalidJwtException e) {
      throw explain(e);
    } catch (MalformedClaimException e) {
      throw new InvalidTokenException(
          InvalidTokenException.Reason.MALFORMED, "token claims are malformed");
    }
  }

  private static String principalName(JwtClaims claims) throws MalformedClaimException {
    for (String claim : List.of("upn", "preferred_username")) {
      String value = claims.getStringClaimValue(claim);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return claims.getSubject();
  }

  private static List<String> groups(JwtClaims claims) throws MalformedClaimException {
    if (!claims.hasClaim("groups")) {
      return List.of();
    }
    return claims.getStringListClaimValue("groups");
  }

  private static InvalidTokenException explain(InvalidJwtException e) {
    InvalidTokenException.Reason reason;
    String message;
    if (e.hasExpired()) {
      reason = InvalidTokenException.Reason.EXPIRED;
      message = "token has expired";
    } else if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
      reason = InvalidTokenException.Reason.WRONG_ISSUER;
      message = "token issuer is not trusted";
    } else if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
        || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
      reason = InvalidTokenException.Reason.WRONG_AUDIENCE;
      message = "token audience is not this gateway";
    } else if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
      reason = InvalidTokenException.Reason.BAD_SIGNATURE;
      message = "token signature is invalid";
    } else if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)
        || e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)
        || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
      reason = InvalidTokenException.Reason.MISSING_CLAIM;
      message = "token lacks a required claim (exp, sub, iss)";
    } else if (isAlgorithmRefusal(e)) {
      reason = InvalidTokenException.Reason.DISALLOWED_ALGORITHM;
      message = "token signature algorithm is not accepted";
    } else {
      reason = InvalidTokenException.Reason.MALFORMED;
      message = "token is not a valid signed JWT";
    }
    return new InvalidTokenException(reason, message);
  }

  private static boolean isAlgorithmRefusal(InvalidJwtException e) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof org.jose4j.lang.InvalidAlgorithmException) {
        return true;
      }
      cause = cause.getCause();
    }
    return e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) && e.getMessage().contains("algorithm");
  }

  private VerificationKeyResolver resolver() throws InvalidTokenException {
    VerificationKeyResolver current = resolver.get();
    if (current != null) {
      return current;
    }
    try {
      current = createResolver(settings.keyLocation());
    } catch (IOException | GeneralSecurityException | JoseException | RuntimeException e) {
      throw new InvalidTokenException(
          InvalidTokenException.Reason.KEY_UNAVAILABLE,
          "the gateway cannot load its token verification key");
    }
    resolver.compareAndSet(null, current);
    return resolver.get();
  }

  static VerificationKeyResolver createResolver(String location)
      throws IOException, GeneralSecurityException, JoseException {
    if (location.startsWith("https://") || location.startsWith("http://")) {
      return new HttpsJwksVerificationKeyResolver(new HttpsJwks(location));
    }
    Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    String content = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (content.startsWith("{")) {
      return new JwksVerificationKeyResolver(new JsonWebKeySet(content).getJsonWebKeys());
    }
    Key key = Pem.publicKey(content);
    return (jws, nestingContext) -> key;
  }
}
