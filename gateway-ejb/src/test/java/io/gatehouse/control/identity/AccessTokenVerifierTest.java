package io.gatehouse.control.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.control.identity.AccessTokenVerifier.InvalidTokenException;
import io.gatehouse.control.identity.AccessTokenVerifier.InvalidTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data plane's token check refuses every forgery the REST API refuses. */
class AccessTokenVerifierTest {

  static KeyPair trusted;
  static KeyPair stranger;
  static Path publicPem;
  static AccessTokenVerifier verifier;

  @BeforeAll
  static void keys(@TempDir Path dir) throws Exception {
    trusted = DevTokenAuthority.loadOrCreate(dir);
    publicPem = dir.resolve(DevTokenAuthority.PUBLIC_KEY_FILE);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    stranger = rsa.generateKeyPair();
    verifier =
        new AccessTokenVerifier(
            new IdentitySettings(
                "https://idp.example", "gatehouse", publicPem.toUri().toString(), "RS256", dir, 5));
  }

  static JwtClaims claims() {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer("https://idp.example");
    claims.setAudience("gatehouse");
    claims.setSubject("alice");
    claims.setStringListClaim("groups", List.of("dba", "gatehouse-reviewer"));
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(10);
    return claims;
  }

  static String sign(JwtClaims claims, java.security.Key key, String alg) throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key);
    jws.setAlgorithmHeaderValue(alg);
    if (alg.equals(AlgorithmIdentifiers.NONE)) {
      jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
    }
    return jws.getCompactSerialization();
  }

  static String rs256(JwtClaims claims) throws Exception {
    return sign(claims, trusted.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256);
  }

  @Test
  void acceptsAValidToken() throws Exception {
    VerifiedIdentity who = verifier.verify(rs256(claims()));
    assertEquals("alice", who.name(), "principal comes from sub when no upn is present");
    assertEquals(Set.of("dba", "gatehouse-reviewer"), who.groups(), "groups claim is kept");
  }

  @Test
  void refusesAnExpiredToken() throws Exception {
    JwtClaims claims = claims();
    claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
    assertRefused(Reason.EXPIRED, rs256(claims));
  }

  @Test
  void refusesATokenWithoutExpiry() throws Exception {
    JwtClaims claims = claims();
    claims.unsetClaim("exp");
    assertRefused(Reason.MISSING_CLAIM, rs256(claims));
  }

  @Test
  void refusesTheWrongIssuer() throws Exception {
    JwtClaims claims = claims();
    claims.setIssuer("https://evil.example");
    assertRefused(Reason.WRONG_ISSUER, rs256(claims));
  }

  @Test
  void refusesTheWrongAudience() throws Exception {
    JwtClaims claims = claims();
    claims.setAudience("some-other-service");
    assertRefused(Reason.WRONG_AUDIENCE, rs256(claims));
  }

  @Test
  void refusesATokenWithoutAudience() throws Exception {
    JwtClaims claims = claims();
    claims.unsetClaim("aud");
    assertRefused(Reason.WRONG_AUDIENCE, rs256(claims));
  }

  @Test
  void refusesASignatureByAnotherKey() throws Exception {
    assertRefused(
        Reason.BAD_SIGNATURE,
        sign(claims(), stranger.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256));
  }

  @Test
  void refusesAlgNone() throws Exception {
    assertRefused(Reason.DISALLOWED_ALGORITHM, sign(claims(), null, AlgorithmIdentifiers.NONE));
  }

  @Test
  void refusesHs256SignedWithThePublicKeyAsSecret() throws Exception {
    byte[] secret = Files.readString(publicPem).getBytes(StandardCharsets.UTF_8);
    String token = sign(claims(), new HmacKey(secret), AlgorithmIdentifiers.HMAC_SHA256);
    assertRefused(Reason.DISALLOWED_ALGORITHM, token);
  }

  @Test
  void refusesATamperedPayload() throws Exception {
    String[] parts = rs256(claims()).split("\\.");
    JwtClaims escalated = claims();
    escalated.setStringListClaim("groups", List.of("gatehouse-admin"));
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(escalated.toJson().getBytes(StandardCharsets.UTF_8));
    assertRefused(Reason.BAD_SIGNATURE, parts[0] + "." + payload + "." + parts[2]);
  }

  @Test
  void refusesGarbageAndEmptyTokens() {
    assertRefused(Reason.MALFORMED, "not-a-jwt");
    assertRefused(Reason.MALFORMED, "");
    assertRefused(Reason.MALFORMED, "a.b.c");
  }

  @Test
  void reportsAnUnreadableKeyWithoutLeakingDetails(@TempDir Path dir) throws Exception {
    AccessTokenVerifier broken =
        new AccessTokenVerifier(
            new IdentitySettings(
                "https://idp.example",
                "gatehouse",
                dir.resolve("missing.pem").toUri().toString(),
                "RS256",
                dir,
                5));
    InvalidTokenException e =
        assertThrows(InvalidTokenException.class, () -> broken.verify(rs256(claims())));
    assertEquals(Reason.KEY_UNAVAILABLE, e.reason(), "a missing key file is a server problem");
  }

  private static void assertRefused(Reason expected, String token) {
    InvalidTokenException e =
        assertThrows(InvalidTokenException.class, () -> verifier.verify(token), expected.name());
    assertEquals(expected, e.reason(), "reason for refusing: " + e.getMessage());
  }
}
