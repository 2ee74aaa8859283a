package io.gatehouse.policy;

import io.gatehouse.masking.DetectorKind;
import io.gatehouse.masking.MaskStrategy;
import io.gatehouse.masking.MaskingRule;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a policy's {@code masking} section. */
final class MaskingParser {

  static final Set<String> FIELDS = JsonFields.names("exemptGroups", "rules");
  static final Set<String> RULE_FIELDS = JsonFields.names("id", "columns", "detector", "strategy");

  private MaskingParser() {}

  static Optional<MaskingSettings> masking(
      JsonValue value, String pointer, List<Violation> violations, Map<String, String> ids) {
    int before = violations.size();
    JsonFields fields = JsonFields.of(value, pointer, violations, FIELDS);
    List<String> exempt = fields.strings("exemptGroups", PolicyParser.MAX_GROUP_LENGTH);
    List<MaskingRule> rules =
        fields.list("rules", true, (v, p, out) -> rule(v, p, out, ids)).orElse(List.of());
    if (violations.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new MaskingSettings(exempt, rules));
  }

  private static Optional<MaskingRule> rule(
      JsonValue value, String pointer, List<Violation> violations, Map<String, String> ids) {
    int before = violations.size();
    JsonFields fields = JsonFields.of(value, pointer, violations, RULE_FIELDS);
    Optional<String> id = fields.requiredString("id", Policy.NAME, PolicyParser.NAME_SHAPE);
    id.ifPresent(i -> RuleParser.unique(i, fields.pointer("id"), ids, violations));
    List<String> columns = fields.strings("columns", RuleParser.MAX_GLOB);
    Optional<DetectorKind> detector =
        fields.constant(
            "detector",
            DetectorKind::fromPolicyName,
            Arrays.stream(DetectorKind.values()).map(DetectorKind::policyName).toList());
    if (!fields.has("strategy")) {
      fields.report("strategy", "is required");
    }
    Optional<MaskStrategy> strategy =
        fields.constant(
            "strategy",
            MaskingParser::strategy,
            Arrays.stream(MaskStrategy.values()).map(MaskStrategy::policyName).toList());
    if (!fields.has("columns") && !fields.has("detector")) {
      violations.add(new Violation(pointer, "needs columns, a detector, or both"));
    }
    if (violations.size() > before || id.isEmpty() || strategy.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MaskingRule(id.get(), columns, detector, strategy.get()));
  }

  private static Optional<MaskStrategy> strategy(String name) {
    return Arrays.stream(MaskStrategy.values())
        .filter(s -> s.policyName().equals(name))
        .findFirst();
  }
}
