package io.gatehouse.recording;

import java.util.List;

/**
 * What a chain verification found.
 *
 * @param events how many events were checked
 * @param lastSequence the highest sequence number among them, 0 if none
 * @param headHash the stored hash of the last event (the chain head), null if none
 * @param problems every problem found, in sequence order (at most {@link
 *     ChainVerifier#MAX_PROBLEMS}, then one line saying how many more)
 */
public record ChainReport(
    int events, long lastSequence, String headHash, List<ChainProblem> problems) {

  public ChainReport {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
