package io.gatehouse.recording;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Checks a session seal: that the signature over the {@link SealStatement} holds under the public
 * key it names, and that the statement still matches the stored chain (same number of events, same
 * head). The second part is what reveals events cut off the end, added after the seal, or a chain
 * rewritten and re-hashed from some point on.
 */
public final class SealVerifier {

  private SealVerifier() {}

  /**
   * @param statement the statement as the seal recorded it
   * @param publicKeys every public key seals may have been made with, by key id
   * @param chain the chain recomputed from the stored events
   */
  public static SealCheck check(
      SealStatement statement,
      String algorithm,
      String keyId,
      String signatureBase64,
      Map<String, PublicKey> publicKeys,
      ChainReport chain) {
    List<String> problems = new ArrayList<>();
    PublicKey key = publicKeys.get(keyId);
    if (key == null) {
      problems.add(
          "unknown key id '" + keyId + "': not among the current or previous seal public keys");
    } else if (!signatureHolds(statement, algorithm, key, signatureBase64)) {
      problems.add(
          "signature invalid: the seal, the session's end time or its id was altered, or the seal"
              + " was not made with key '"
              + keyId
              + "'");
    }
    if (statement.eventCount() != chain.events()) {
      problems.add(
          "the seal covers "
              + statement.eventCount()
              + " events but the store holds "
              + chain.events()
              + (chain.events() < statement.eventCount()
                  ? ": events were deleted (at the end, if the chain shows no gap)"
                  : ": events were added after sealing"));
    }
    if (!java.util.Objects.equals(statement.headHash(), chain.headHash())) {
      problems.add(
          "head hash differs from the sealed one: the chain was rewritten or cut after sealing"
              + " (sealed head "
              + statement.headHash()
              + ", stored head "
              + chain.headHash()
              + ")");
    }
    return new SealCheck(true, keyId, algorithm, problems);
  }

  /** The check of a session that has no seal. */
  public static SealCheck unsealed(String why) {
    return new SealCheck(false, null, null, List.of("not sealed: " + why));
  }

  private static boolean signatureHolds(
      SealStatement statement, String algorithm, PublicKey key, String signatureBase64) {
    try {
      SealAlgorithm sealAlgorithm = SealAlgorithm.named(algorithm);
      return SealAlgorithm.of(key) == sealAlgorithm
          && sealAlgorithm.verify(
              key, statement.bytes(), Base64.getDecoder().decode(signatureBase64));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
