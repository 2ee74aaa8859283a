package io.gatehouse.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A guardrail or review rule; rules are evaluated in order and the first match wins.
 *
 * @param id unique in its policy; named in errors, recordings and reviews
 * @param description free text, possibly empty
 * @param action what to do when the rule matches
 * @param when what the rule matches
 * @param groups the rule applies only to identities in one of these (empty: everyone)
 * @param exceptGroups the rule does not apply to identities in one of these
 * @param message shown to the client when the rule blocks or holds
 */
public record Rule(
    String id,
    String description,
    Action action,
    RuleMatch when,
    List<String> groups,
    List<String> exceptGroups,
    Optional<String> message) {

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(when, "when");
    groups = List.copyOf(groups);
    exceptGroups = List.copyOf(exceptGroups);
    Objects.requireNonNull(message, "message");
  }

  /** Whether the rule applies to an identity with {@code identityGroups}. */
  public boolean appliesTo(java.util.Collection<String> identityGroups) {
    if (exceptGroups.stream().anyMatch(identityGroups::contains)) {
      return false;
    }
    return groups.isEmpty() || groups.stream().anyMatch(identityGroups::contains);
  }
}
