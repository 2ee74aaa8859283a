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
}
