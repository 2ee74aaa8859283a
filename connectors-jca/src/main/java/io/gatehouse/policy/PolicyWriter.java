package io.gatehouse.policy;

import io.gatehouse.masking.MaskingRule;
import io.gatehouse.sql.StatementKind;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;

/**
 * The canonical JSON form of a policy: fields in the documented order, defaults written out,
 * criteria that are absent left out. {@code parse(write(p))} equals {@code p}, and two equal
 * policies have the same canonical text.
 */
public final class PolicyWriter {

  private PolicyWriter() {}

  /** Compact canonical text, as stored. */
  public static String toJson(Policy policy) {
    return toJsonObject(policy).toString();
  }

  public static JsonObject toJsonObject(Policy policy) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("name", policy.name())
            .add("description", policy.description())
            .add("recording", policy.recording().policyName())
            .add("requireTls", policy.requireTls())
            .add("defaultAction", policy.defaultAction().policyName());
    JsonArrayBuilder rules = Json.createArrayBuilder();
    policy.rules().forEach(rule -> rules.add(rule(rule)));
    json.add("rules", rules);
    policy.masking().ifPresent(masking -> json.add("masking", masking(masking)));
    json.add("review", review(policy.review()));
    if (!policy.timeouts().equals(SessionTimeouts.NONE)) {
      json.add(
          "timeouts",
          Json.createObjectBuilder()
              .add("idleSeconds", policy.timeouts().idleSeconds())
              .add("idleInTransactionSeconds", policy.timeouts().idleInTransactionSeconds()));
    }
    policy
        .notifications()
        .ifPresent(
            n ->
                json.add(
                    "notifications",
                    Json.createObjectBuilder()
                        .add("webhookUrl", n.webhookUrl().toString())
                        .add(
                            "events",
                            Json.createArrayBuilder(
                                n.events().stream()
                                    .sorted()
                                    .map(NotificationSettings.Event::policyName)
                                    .toList()))));
    return json.build();
  }

  private static JsonObjectBuilder rule(Rule rule) {
    JsonObjectBuilder json = Json.createObjectBuilder().add("id", rule.id());
    if (!rule.description().isEmpty()) {
      json.add("description", rule.description());
    }
    json.add("action", rule.action().policyName()).add("when", when(rule.when()));
    addIfAny(json, "groups", rule.groups());
    addIfAny(json, "exceptGroups", rule.exceptGroups());
    rule.message().ifPresent(message -> json.add("message", message));
    return json;
  }

  private static JsonObjectBuilder when(RuleMatch when) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    when.sql().ifPresent(sql -> json.add("sql", sql(sql)));
    when.command()
        .ifPresent(
            command -> {
              JsonObjectBuilder c = Json.createObjectBuilder();
              addIfAny(c, "programs", command.programs());
              addIfAny(c, "patterns", command.patterns());
              if (command.decodingPipes()) {
                c.add("decodingPipes", true);
              }
              json.add("command", c);
            });
    when.forward()
        .ifPresent(
            forward -> {
              JsonObjectBuilder f = Json.createObjectBuilder();
              addIfAny(f, "kinds", forward.kinds());
              addIfAny(f, "destinations", forward.destinations());
              json.add("forward", f);
            });
    when.http()
        .ifPresent(
            http -> {
              JsonObjectBuilder h = Json.createObjectBuilder();
              addIfAny(h, "methods", http.methods());
              addIfAny(h, "paths", http.paths());
              json.add("http", h);
            });
    when.kubernetes()
        .ifPresent(
            k8s -> {
              JsonObjectBuilder k = Json.createObjectBuilder();
              addIfAny(k, "verbs", k8s.verbs());
              addIfAny(k, "resources", k8s.resources());
              addIfAny(k, "subresources", k8s.subresources());
              addIfAny(k, "namespaces", k8s.namespaces());
              json.add("kubernetes", k);
            });
    return json;
  }

  private static JsonObjectBuilder sql(SqlMatch sql) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    // Enum order, so the same set always reads the same.
    addIfAny(
        json,
        "kinds",
        java.util.Arrays.stream(StatementKind.values())
            .filter(sql.kinds()::contains)
            .map(Enum::name)
            .toList());
    addIfAny(json, "objects", sql.objects());
    if (sql.withoutWhere()) {
      json.add("withoutWhere", true);
    }
    addIfAny(json, "functions", sql.functions());
    return json;
  }

  private static JsonObjectBuilder masking(MaskingSettings masking) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    addIfAny(json, "exemptGroups", masking.exemptGroups());
    JsonArrayBuilder rules = Json.createArrayBuilder();
    for (MaskingRule rule : masking.rules()) {
      JsonObjectBuilder r = Json.createObjectBuilder().add("id", rule.id());
      addIfAny(r, "columns", rule.columns());
      rule.detector().ifPresent(d -> r.add("detector", d.policyName()));
      rules.add(r.add("strategy", rule.strategy().policyName()));
    }
    return json.add("rules", rules);
  }

  private static JsonObjectBuilder review(ReviewSettings review) {
    return Json.createObjectBuilder()
        .add("approverGroups", Json.createArrayBuilder(review.approverGroups()))
        .add("minApprovals", review.minApprovals())
        .add("timeoutSeconds", review.timeoutSeconds())
        .add("approvalWindowSeconds", review.approvalWindowSeconds());
  }

  private static void addIfAny(JsonObjectBuilder json, String field, Collection<String> values) {
    if (!values.isEmpty()) {
      json.add(field, Json.createArrayBuilder(values));
    }
  }
}
