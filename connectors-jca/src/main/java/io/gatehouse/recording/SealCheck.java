package io.gatehouse.recording;

import java.util.List;

/**
 * What checking a session's seal found.
 *
 * @param sealed whether the session has a seal at all
 * @param keyId the key id the seal names, null if unsealed
 * @param algorithm the seal's algorithm, null if unsealed
 * @param problems why the seal does not hold; empty when it does
 */
public record SealCheck(boolean sealed, String keyId, String algorithm, List<String> problems) {

  public SealCheck {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return sealed && problems.isEmpty();
  }
}
