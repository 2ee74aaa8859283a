package io.gatehouse.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated policy document (docs/POLICY.md). Build one with {@link PolicyParser}; store and
 * return it in the canonical form of {@link PolicyWriter}.
 */
public record Policy(
    String name,
    String description,
    RecordingMode recording,
    boolean requireTls,
    Action defaultAction,
    List<Rule> rules,
    Optional<MaskingSettings> masking,
    ReviewSettings review,
    SessionTimeouts timeouts,
    Optional<NotificationSettings> notifications) {

  /** Policy names and rule ids. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  public Policy {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid policy name: " + name);
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(recording, "recording");
    Objects.requireNonNull(defaultAction, "defaultAction");
    rules = List.copyOf(rules);
    Objects.requireNonNull(masking, "masking");
    Objects.requireNonNull(review, "review");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(notifications, "notifications");
    Set<String> ids = new HashSet<>();
    for (Rule rule : rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("duplicate rule id " + rule.id());
      }
    }
  }

  /** Without session timeouts, sending no notifications. */
  public Policy(
      String name,
      String description,
      RecordingMode recording,
      boolean requireTls,
      Action defaultAction,
      List<Rule> rules,
      Optional<MaskingSettings> masking,
      ReviewSettings review) {
    this(
        name,
        description,
        recording,
        requireTls,
        defaultAction,
        rules,
        masking,
        review,
        SessionTimeouts.NONE,
        Optional.empty());
  }

  /** Whether any rule looks at SQL: then unparseable statements fail closed. */
  public boolean hasSqlRules() {
    return rules.stream().anyMatch(rule -> rule.when().sql().isPresent());
  }
}
