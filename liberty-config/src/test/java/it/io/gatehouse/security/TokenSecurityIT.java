package it.io.gatehouse.security;

import static it.io.gatehouse.support.Gateway.authorized;
import static it.io.gatehouse.support.Gateway.devSigningKey;
import static it.io.gatehouse.support.Gateway.devToken;
import static it.io.gatehouse.support.Gateway.request;
import static it.io.gatehouse.support.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** Every entry point of /api/v1 refuses forged, expired and misdirected tokens. */
class TokenSecurityIT {

  private static final String PROTECTED = "/api/v1/connections";

  static JwtClaims claims() {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer("gatehouse-dev");
    claims.setAudience("gatehouse");
    claims.setSubject("mallory");
    claims.setClaim("upn", "mallory");
    claims.setStringListClaim("groups", List.of("gatehouse-admin"));
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(10);
    return claims;
  }

  static String sign(JwtClaims claims, Key key, String alg) throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key);
    jws.setAlgorithmHeaderValue(alg);
    jws.setHeader("typ", "JWT");
    jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
    return jws.getCompactSerialization();
  }

  static int statusWith(String token) {
    return send(authorized(PROTECTED, token).GET()).statusCode();
  }

  @Test
  void aCorrectlySignedAdminTokenIsAccepted() throws Exception {
    String token = sign(claims(), devSigningKey(), AlgorithmIdentifiers.RSA_USING_SHA256);
    assertEquals(200, statusWith(token), "the control token must pass, or the 401s prove nothing");
  }

  @Test
  void noTokenIs401() {
    HttpResponse<String> response = send(request(PROTECTED).GET());
    assertEquals(401, response.statusCode(), "no Authorization header");
  }

  @Test
  void expiredTokenIs401() throws Exception {
    JwtClaims claims = claims();
    claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 7200));
    claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
    assertEquals(
        401,
        statusWith(sign(claims, devSigningKey(), AlgorithmIdentifiers.RSA_USING_SHA256)),
        "expired an hour ago");
  }

  @Test
  void wrongIssuerIs401() throws Exception {
    JwtClaims claims = claims();
    claims.setIssuer("https://evil.example");
    assertEquals(
        401,
        statusWith(sign(claims, devSigningKey(), AlgorithmIdentifiers.RSA_USING_SHA256)),
        "issuer is not the configured one");
  }

  @Test
  void wrongAudienceIs401() throws Exception {
    JwtClaims claims = claims();
    claims.setAudience("another-service");
    assertEquals(
        401,
        statusWith(sign(claims, devSigningKey(), AlgorithmIdentifiers.RSA_USING_SHA256)),
        "audience is not this gateway");
  }

  @Test
  void algNoneIs401() throws Exception {
    assertEquals(
        401, statusWith(sign(claims(), null, AlgorithmIdentifiers.NONE)), "unsigned token");
  }

  @Test
  void hs256WithThePublicKeyAsSecretIs401() throws Exception {
    byte[] publicPem =
        Files.readAllBytes(
            it.io.gatehouse.support.Gateway.SERVER_DIR.resolve("gatehouse-dev/jwt-public.pem"));
    String token = sign(claims(), new HmacKey(publicPem), AlgorithmIdentifiers.HMAC_SHA256);
    assertEquals(401, statusWith(token), "algorithm confusion: HMAC keyed with the RSA public key");
  }

  @Test
  void signatureByAnotherKeyIs401() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String token =
        sign(claims(), rsa.generateKeyPair().getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256);
    assertEquals(401, statusWith(token), "signed by a key the gateway does not trust");
  }

  @Test
  void tamperedPayloadIs401() {
    String genuine = devToken("eve", "dba");
    String[] parts = genuine.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"dba\"", "\"gatehouse-admin\"");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertTrue(payload.contains("gatehouse-admin"), "the forgery escalates to admin");
    assertEquals(401, statusWith(forged), "payload edited after signing");
  }

  @Test
  void validTokenWithoutTheRoleIs403() {
    assertEquals(403, statusWith(devToken("bob", "dba")), "authenticated but not gatehouse-admin");
  }

  @Test
  void garbageBearerIs401() {
    assertEquals(401, statusWith("not.a.token"), "garbage in the Authorization header");
  }

  /**
   * The PostgreSQL and SSH listeners validate the access token exactly as the REST API does: each
   * forged token above is refused with its reason (28P01 / an authentication banner), while the
   * correctly signed control token passes validation and is refused only for the connection, which
   * does not exist.
   */
  @Test
  void theDataPathsRefuseTheSameTokensWithTheirReason() throws Exception {
    JwtClaims expired = claims();
    expired.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 7200));
    expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
    JwtClaims issuer = claims();
    issuer.setIssuer("https://evil.example");
    JwtClaims audience = claims();
    audience.setAudience("another-service");
    java.util.Map<String, String> forged = new java.util.LinkedHashMap<>();
    forged.put(
        "token has expired", sign(expired, devSigningKey(), AlgorithmIdentifiers.RSA_USING_SHA256));
    forged.put(
        "issuer is not trusted",
        sign(issuer, devSigningKey(), AlgorithmIdentifiers.RSA_USING_SHA256));
    forged.put(
        "audience is not this gateway",
        sign(audience, devSigningKey(), AlgorithmIdentifiers.RSA_USING_SHA256));
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    forged.put(
        "signature",
        sign(claims(), rsa.generateKeyPair().getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256));
    String control = sign(claims(), devSigningKey(), AlgorithmIdentifiers.RSA_USING_SHA256);
    String connection = "no-such-connection-for-tokens";

    for (var entry : forged.entrySet()) {
      java.sql.SQLException refused = pgRefusal(connection, entry.getValue());
      assertEquals("28P01", refused.getSQLState(), entry.getKey() + ": " + refused.getMessage());
      assertTrue(
          refused.getMessage().contains(entry.getKey()),
          "PostgreSQL path names the reason: " + refused.getMessage());
      String ssh = sshRefusal(connection, entry.getValue());
      assertTrue(
          ssh.contains("access token refused") && ssh.contains(entry.getKey()),
          "SSH path names the reason: " + ssh);
    }
    java.sql.SQLException unknown = pgRefusal(connection, control);
    assertEquals(
        "28000", unknown.getSQLState(), "the control token passed: " + unknown.getMessage());
    assertTrue(sshRefusal(connection, control).contains("there is no connection named"));
  }

  private static java.sql.SQLException pgRefusal(String connection, String token) {
    return org.junit.jupiter.api.Assertions.assertThrows(
        java.sql.SQLException.class,
        () ->
            java.sql.DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:"
                        + Integer.getInteger("it.pg.port", 15432)
                        + "/"
                        + connection
                        + "?sslmode=require",
                    "anyone",
                    token)
                .close());
  }

  // What the real ssh client prints when the gateway refuses the token as its password.
  private static String sshRefusal(String connection, String token) throws Exception {
    java.nio.file.Path work = java.nio.file.Files.createTempDirectory("gatehouse-token-it-");
    java.util.List<String> args =
        new java.util.ArrayList<>(
            List.of("-o", "LogLevel=INFO", "-p", "" + Integer.getInteger("it.ssh.port", 2222)));
    args.addAll(it.io.gatehouse.support.SshTarget.CLIENT_OPTIONS);
    args.addAll(List.of(connection + "@127.0.0.1", "true"));
    Process ssh =
        it.io.gatehouse.support.SshTarget.client(work, "ssh", token, args)
            .redirectInput(new java.io.File("/dev/null"))
            .redirectErrorStream(true)
            .start();
    assertTrue(ssh.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "ssh finishes");
    String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(255, ssh.exitValue(), out);
    return out;
  }
}
