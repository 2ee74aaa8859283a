package io.gatehouse.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.RecordedEvent;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealVerifierTest {

  private static final Instant ENDED = Instant.parse("2026-11-23T10:05:00.000001Z");
  private static final Instant SEALED = Instant.parse("2026-11-23T10:05:01.5Z");

  private final List<RecordedEvent> events = Chains.session(6);
  private final ChainReport chain = ChainVerifier.verify(events);

  @Test
  void aSealVerifiesWithItsKey() throws Exception {
    KeyPair key = ed25519();
    SealCheck check =
        sealAndCheck(key, "s1", statement(6, chain.headHash()), Map.of("s1", key.getPublic()));
    assertTrue(check.valid(), "valid: " + check.problems());
    assertEquals("s1", check.keyId(), "key id reported");
    assertEquals("Ed25519", check.algorithm(), "algorithm reported");
  }

  @Test
  void ecdsaP256SealsVerifyToo() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    SealCheck check =
        sealAndCheck(key, "ec1", statement(6, chain.headHash()), Map.of("ec1", key.getPublic()));
    assertTrue(check.valid(), "valid: " + check.problems());
    assertEquals("SHA256withECDSA", check.algorithm(), "algorithm reported");
  }

  @Test
  void afterARotationAnOldSealStillVerifiesWithTheOldPublicKey() throws Exception {
    KeyPair old = ed25519();
    KeyPair current = ed25519();
    Map<String, PublicKey> afterRotation = Map.of("s1", old.getPublic(), "s2", current.getPublic());
    SealCheck check = sealAndCheck(old, "s1", statement(6, chain.headHash()), afterRotation);
    assertTrue(check.valid(), "old seal still valid: " + check.problems());
  }

  @Test
  void aSealByAnUnknownKeyFails() throws Exception {
    KeyPair stranger = ed25519();
    SealCheck check =
        sealAndCheck(
            stranger, "x9", statement(6, chain.headHash()), Map.of("s1", ed25519().getPublic()));
    assertFalse(check.valid(), "unknown key refused");
    assertTrue(
        check.problems().get(0).startsWith("unknown key id 'x9'"), check.problems().toString());
  }

  @Test
  void aSealByAnotherKeyUnderAKnownIdFails() throws Exception {
    SealCheck check =
        sealAndCheck(
            ed25519(), "s1", statement(6, chain.headHash()), Map.of("s1", ed25519().getPublic()));
    assertFalse(check.valid(), "forged seal refused");
    assertTrue(
        check.problems().get(0).startsWith("signature invalid"), check.problems().toString());
  }

  @Test
  void anAlteredEndTimeBreaksTheSignature() throws Exception {
    KeyPair key = ed25519();
    SealStatement signed = statement(6, chain.headHash());
    String signature = sign(key, signed);
    SealStatement altered =
        new SealStatement(Chains.SESSION, 6, chain.headHash(), ENDED.plusSeconds(60), SEALED);
    SealCheck check =
        SealVerifier.check(
            altered, "Ed25519", "s1", signature, Map.of("s1", key.getPublic()), chain);
    assertFalse(check.valid(), "end time is signed");
  }

  @Test
  void eventsCutOffTheEndAreFoundByTheSeal() throws Exception {
    KeyPair key = ed25519();
    String signature = sign(key, statement(6, chain.headHash()));
    ChainReport cut = ChainVerifier.verify(events.subList(0, 4));
    assertTrue(cut.valid(), "the chain alone cannot tell");
    SealCheck check =
        SealVerifier.check(
            statement(6, chain.headHash()),
            "Ed25519",
            "s1",
            signature,
            Map.of("s1", key.getPublic()),
            cut);
    assertFalse(check.valid(), "the seal can");
    assertTrue(
        check.problems().get(0).contains("covers 6 events but the store holds 4"),
        check.problems().toString());
  }

  @Test
  void aChainRewrittenFromSomePointOnIsFoundByTheSeal() throws Exception {
    KeyPair key = ed25519();
    String signature = sign(key, statement(6, chain.headHash()));
    ChainReport rewritten =
        ChainVerifier.verify(
            Chains.rechained(
                events.stream()
                    .map(e -> e.sequence() == 3 ? ChainVerifierTest.edit(e, "payload") : e)
                    .toList(),
                2));
    assertTrue(rewritten.valid(), "a consistent forgery");
    SealCheck check =
        SealVerifier.check(
            statement(6, chain.headHash()),
            "Ed25519",
            "s1",
            signature,
            Map.of("s1", key.getPublic()),
            rewritten);
    assertFalse(check.valid(), "head differs");
    assertTrue(
        check.problems().get(0).startsWith("head hash differs"), check.problems().toString());
  }

  private SealCheck sealAndCheck(
      KeyPair key, String keyId, SealStatement statement, Map<String, PublicKey> keys)
      throws GeneralSecurityException {
    String algorithm = SealAlgorithm.of(key.getPrivate()).jdkName();
    return SealVerifier.check(statement, algorithm, keyId, sign(key, statement), keys, chain);
  }

  static SealStatement statement(long count, String head) {
    return new SealStatement(Chains.SESSION, count, head, ENDED, SEALED);
  }

  static String sign(KeyPair key, SealStatement statement) throws GeneralSecurityException {
    return Base64.getEncoder()
        .encodeToString(
            SealAlgorithm.of(key.getPrivate()).sign(key.getPrivate(), statement.bytes()));
  }

  static KeyPair ed25519() throws GeneralSecurityException {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }
}
