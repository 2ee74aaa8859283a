package io.gatehouse.policy;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and validates a policy document (docs/POLICY.md). Every problem is reported, each by JSON
 * pointer, in one {@link PolicyValidationException}; nothing partial is returned.
 */
public final class PolicyParser {

  static final Set<String> FIELDS =
      JsonFields.names(
          "name",
          "description",
          "recording",
          "requireTls",
          "defaultAction",
          "rules",
          "masking",
          "review",
          "timeouts",
          "notifications");
  static final Set<String> REVIEW_FIELDS =
      JsonFields.names("approverGroups", "minApprovals", "timeoutSeconds", "approvalWindowSeconds");
  static final Set<String> TIMEOUT_FIELDS =
      JsonFields.names("idleSeconds", "idleInTransactionSeconds");
  static final Set<String> NOTIFICATION_FIELDS = JsonFields.names("webhookUrl", "events");
  static final String NAME_SHAPE = "1-63 characters of a-z 0-9 . _ -, starting with a-z or 0-9";
  static final int MAX_GROUP_LENGTH = 256;

  private PolicyParser() {}

  /**
   * The policy in {@code json}.
   *
   * @param expectedName the name the document must carry (the name in the URL), or null for any
   * @throws PolicyValidationException listing every problem found
   */
  public static Policy parse(String json, String expectedName) {
    JsonValue root;
    try (JsonReader reader = Json.createReader(new StringReader(json == null ? "" : json))) {
      root = reader.readValue();
    } catch (JsonException e) {
      throw new PolicyValidationException(
          List.of(new Violation("", "not valid JSON: " + e.getMessage())));
    }
    return parse(root, expectedName);
  }

  /** The policy in an already parsed JSON value. */
  public static Policy parse(JsonValue root, String expectedName) {
    List<Violation> violations = new ArrayList<>();
    Optional<Policy> policy = read(root, expectedName, violations);
    if (!violations.isEmpty() || policy.isEmpty()) {
      throw new PolicyValidationException(violations);
    }
    return policy.get();
  }

  private static Optional<Policy> read(
      JsonValue root, String expectedName, List<Violation> violations) {
    JsonFields fields = JsonFields.of(root, "", violations, FIELDS);
    Optional<String> name = fields.requiredString("name", Policy.NAME, NAME_SHAPE);
    name.filter(n -> expectedName != null && !n.equals(expectedName))
        .ifPresent(
            n -> fields.report("name", "must equal the name in the URL ('" + expectedName + "')"));
    String description = fields.string("description", 1000).orElse("");
    RecordingMode recording =
        fields
            .constant("recording", RecordingMode::fromPolicyName, allowed(RecordingMode.values()))
            .orElse(RecordingMode.STRICT);
    boolean requireTls = fields.bool("requireTls").orElse(false);
    Action defaultAction =
        fields
            .constant("defaultAction", Action::fromPolicyName, allowed(Action.values()))
            .orElse(Action.ALLOW);
    Map<String, String> ids = new HashMap<>();
    List<Rule> rules =
        fields
            .list("rules", true, (v, p, out) -> RuleParser.rule(v, p, out, ids))
            .orElse(List.of());
    Optional<MaskingSettings> masking =
        fields.value("masking").flatMap(v -> MaskingParser.masking(v, "/masking", violations, ids));
    ReviewSettings review =
        fields.value("review").map(v -> review(v, violations)).orElse(ReviewSettings.DEFAULT);
    SessionTimeouts timeouts =
        fields.value("timeouts").map(v -> timeouts(v, violations)).orElse(SessionTimeouts.NONE);
    Optional<NotificationSettings> notifications =
        fields.value("notifications").flatMap(v -> notifications(v, violations));
    if (!violations.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Policy(
            name.get(),
            description,
            recording,
            requireTls,
            defaultAction,
            rules,
            masking,
            review,
            timeouts,
            notifications));
  }

  private static Optional<NotificationSettings> notifications(
      JsonValue value, List<Violation> violations) {
    JsonFields fields = JsonFields.of(value, "/notifications", violations, NOTIFICATION_FIELDS);
    if (!fields.has("webhookUrl") && value instanceof jakarta.json.JsonObject) {
      fields.report("webhookUrl", "is required");
    }
    Optional<String> url =
        fields
            .string("webhookUrl", Integer.MAX_VALUE)
            .filter(
                u -> {
                  String problem = NotificationSettings.urlProblem(u);
                  if (problem != null) {
                    fields.report("webhookUrl", problem);
                  }
                  return problem == null;
                });
    List<NotificationSettings.Event> events =
        fields.constants(
            "events",
            NotificationSettings.Event::fromPolicyName,
            NotificationSettings.Event.policyNames());
    return url.map(u -> new NotificationSettings(java.net.URI.create(u), Set.copyOf(events)));
  }

  private static ReviewSettings review(JsonValue value, List<Violation> violations) {
    JsonFields fields = JsonFields.of(value, "/review", violations, REVIEW_FIELDS);
    ReviewSettings defaults = ReviewSettings.DEFAULT;
    List<String> approvers = fields.strings("approverGroups", MAX_GROUP_LENGTH);
    int minApprovals = fields.integer("minApprovals", 1, 5).orElse(defaults.minApprovals());
    int timeout = fields.integer("timeoutSeconds", 1, 3600).orElse(defaults.timeoutSeconds());
    int window =
        fields.integer("approvalWindowSeconds", 0, 86400).orElse(defaults.approvalWindowSeconds());
    return new ReviewSettings(
        approvers.isEmpty() ? defaults.approverGroups() : approvers, minApprovals, timeout, window);
  }

  private static SessionTimeouts timeouts(JsonValue value, List<Violation> violations) {
    JsonFields fields = JsonFields.of(value, "/timeouts", violations, TIMEOUT_FIELDS);
    int max = SessionTimeouts.MAX_SECONDS;
    int idle = fields.integer("idleSeconds", 0, max).orElse(0);
    int inTransaction = fields.integer("idleInTransactionSeconds", 0, max).orElse(0);
    return new SessionTimeouts(idle, inTransaction);
  }

  static List<String> allowed(Action[] values) {
    return Arrays.stream(values).map(Action::policyName).toList();
  }

  static List<String> allowed(RecordingMode[] values) {
    return Arrays.stream(values).map(RecordingMode::policyName).toList();
  }
}
