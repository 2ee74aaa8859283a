package io.gatehouse.control.application;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * What verifying a session's recording found: {@code valid} when the chain recomputed from the
 * stored events is intact and the seal holds over it.
 */
@JsonbPropertyOrder({"valid", "events", "problems", "seal"})
public record VerificationView(boolean valid, int events, List<Problem> problems, Seal seal) {

  /** One event that does not fit the chain. */
  @JsonbPropertyOrder({"sequence", "problem"})
  public record Problem(long sequence, String problem) {}

  /** Whether the seal holds: signed by a known key, over the chain as stored now. */
  @JsonbPropertyOrder({"valid", "keyId", "algorithm", "problems"})
  public record Seal(boolean valid, String keyId, String algorithm, List<String> problems) {}
}
