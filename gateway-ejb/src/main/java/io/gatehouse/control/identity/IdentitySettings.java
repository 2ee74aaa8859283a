package io.gatehouse.control.identity;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How access tokens are verified: the same settings feed MicroProfile JWT (REST API) and the data
 * plane's password check, so a token means the same thing on every entry point.
 *
 * @param issuer expected {@code iss}; {@link #DEV_ISSUER} means dev mode
 * @param audience expected {@code aud}
 * @param keyLocation a JWKS URL ({@code https://…}) or a PEM/JWKS file ({@code file:…})
 * @param algorithm the one signature algorithm accepted (RS256 or ES256)
 * @param devDirectory where dev mode keeps its signing key
 * @param clockSkewSeconds tolerance for {@code exp}/{@code nbf}
 */
public record IdentitySettings(
    String issuer,
    String audience,
    String keyLocation,
    String algorithm,
    Path devDirectory,
    int clockSkewSeconds) {

  public static final String DEV_ISSUER = "gatehouse-dev";

  public IdentitySettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(keyLocation, "keyLocation");
    if (!algorithm.equals("RS256") && !algorithm.equals("ES256")) {
      throw new IllegalArgumentException(
          "gatehouse.jwt.algorithm must be RS256 or ES256, not '" + algorithm + "'");
    }
    if (audience.isBlank()) {
      throw new IllegalArgumentException("gatehouse.jwt.audience must not be empty");
    }
  }

  /** Dev mode: no identity provider configured. */
  public boolean devMode() {
    return DEV_ISSUER.equals(issuer);
  }
}
