package io.gatehouse.policy;

import io.gatehouse.masking.MaskingRule;
import java.util.List;

/**
 * A policy's {@code masking}.
 *
 * @param exemptGroups identities in any of these see values unmasked
 * @param rules the masking rules
 */
public record MaskingSettings(List<String> exemptGroups, List<MaskingRule> rules) {

  public MaskingSettings {
    exemptGroups = List.copyOf(exemptGroups);
    rules = List.copyOf(rules);
  }
}
