package io.gatehouse.policy;

import io.gatehouse.sql.StatementKind;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one entry of a policy's {@code rules} and its {@code when} sections. */
final class RuleParser {

  static final Set<String> FIELDS =
      JsonFields.names("id", "description", "action", "when", "groups", "exceptGroups", "message");
  static final Set<String> WHEN_FIELDS =
      JsonFields.names("sql", "command", "forward", "http", "kubernetes");
  static final Set<String> SQL_FIELDS =
      JsonFields.names("kinds", "objects", "withoutWhere", "functions");
  static final Set<String> COMMAND_FIELDS =
      JsonFields.names("programs", "patterns", "decodingPipes");
  static final Set<String> FORWARD_FIELDS = JsonFields.names("kinds", "destinations");
  static final Set<String> HTTP_FIELDS = JsonFields.names("methods", "paths");
  static final Set<String> KUBERNETES_FIELDS =
      JsonFields.names("verbs", "resources", "subresources", "namespaces");
  static final int MAX_GLOB = 512;
  private static final Pattern RESOURCE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,252}");
  private static final String NO_CRITERION = "must have at least one criterion";

  private RuleParser() {}

  /** A rule; {@code ids} maps each id seen so far to its pointer, to report duplicates. */
  static Optional<Rule> rule(
      JsonValue value, String pointer, List<Violation> violations, Map<String, String> ids) {
    int before = violations.size();
    JsonFields fields = JsonFields.of(value, pointer, violations, FIELDS);
    Optional<String> id = fields.requiredString("id", Policy.NAME, PolicyParser.NAME_SHAPE);
    id.ifPresent(i -> unique(i, fields.pointer("id"), ids, violations));
    String description = fields.string("description", 1000).orElse("");
    Optional<Action> action =
        fields.constant("action", Action::fromPolicyName, PolicyParser.allowed(Action.values()));
    if (!fields.has("action")) {
      fields.report("action", "is required");
    }
    Optional<RuleMatch> when = Optional.empty();
    if (fields.has("when")) {
      when = when(fields.value("when").get(), fields.pointer("when"), violations);
    } else {
      fields.report("when", "is required");
    }
    List<String> groups = fields.strings("groups", PolicyParser.MAX_GROUP_LENGTH);
    List<String> exceptGroups = fields.strings("exceptGroups", PolicyParser.MAX_GROUP_LENGTH);
    Optional<String> message = fields.string("message", 500);
    if (violations.size() > before || id.isEmpty() || action.isEmpty() || when.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Rule(id.get(), description, action.get(), when.get(), groups, exceptGroups, message));
  }

  static void unique(String id, String pointer, Map<String, String> ids, List<Violation> out) {
    String first = ids.putIfAbsent(id, pointer);
    if (first != null) {
      out.add(new Violation(pointer, "duplicate id '" + id + "' (first used at " + first + ")"));
    }
  }

  private static Optional<RuleMatch> when(
      JsonValue value, String pointer, List<Violation> violations) {
    int before = violations.size();
    JsonFields fields = JsonFields.of(value, pointer, violations, WHEN_FIELDS);
    Optional<SqlMatch> sql =
        fields.value("sql").flatMap(v -> sql(v, fields.pointer("sql"), violations));
    Optional<CommandMatch> command =
        fields.value("command").flatMap(v -> command(v, fields.pointer("command"), violations));
    Optional<ForwardMatch> forward =
        fields.value("forward").flatMap(v -> forward(v, fields.pointer("forward"), violations));
    Optional<HttpMatch> http =
        fields.value("http").flatMap(v -> http(v, fields.pointer("http"), violations));
    Optional<KubernetesMatch> kubernetes =
        fields
            .value("kubernetes")
            .flatMap(v -> kubernetes(v, fields.pointer("kubernetes"), violations));
    if (violations.size() > before) {
      return Optional.empty();
    }
    if (sql.isEmpty()
        && command.isEmpty()
        && forward.isEmpty()
        && http.isEmpty()
        && kubernetes.isEmpty()) {
      violations.add(
          new Violation(
              pointer, "must have at least one of sql, command, forward, http, kubernetes"));
      return Optional.empty();
    }
    return Optional.of(new RuleMatch(sql, command, forward, http, kubernetes));
  }

  private static Optional<SqlMatch> sql(JsonValue value, String pointer, List<Violation> out) {
    int before = out.size();
    JsonFields fields = JsonFields.of(value, pointer, out, SQL_FIELDS);
    List<StatementKind> kinds =
        fields.constants(
            "kinds",
            RuleParser::statementKind,
            Arrays.stream(StatementKind.values()).map(Enum::name).toList());
    List<String> objects = fields.strings("objects", MAX_GLOB);
    boolean withoutWhere = fields.bool("withoutWhere").orElse(false);
    List<String> functions = fields.strings("functions", MAX_GLOB);
    if (out.size() > before) {
      return Optional.empty();
    }
    if (kinds.isEmpty() && objects.isEmpty() && !withoutWhere && functions.isEmpty()) {
      out.add(new Violation(pointer, NO_CRITERION));
      return Optional.empty();
    }
    return Optional.of(new SqlMatch(Set.copyOf(kinds), objects, withoutWhere, functions));
  }

  private static Optional<StatementKind> statementKind(String name) {
    return Arrays.stream(StatementKind.values()).filter(k -> k.name().equals(name)).findFirst();
  }

  private static Optional<CommandMatch> command(
      JsonValue value, String pointer, List<Violation> out) {
    int before = out.size();
    JsonFields fields = JsonFields.of(value, pointer, out, COMMAND_FIELDS);
    List<String> programs = fields.strings("programs", MAX_GLOB);
    List<String> patterns = fields.strings("patterns", MAX_GLOB);
    boolean decodingPipes = fields.bool("decodingPipes").orElse(false);
    if (out.size() > before) {
      return Optional.empty();
    }
    if (programs.isEmpty() && patterns.isEmpty() && !decodingPipes) {
      out.add(new Violation(pointer, NO_CRITERION));
      return Optional.empty();
    }
    return Optional.of(new CommandMatch(programs, patterns, decodingPipes));
  }

  private static Optional<ForwardMatch> forward(
      JsonValue value, String pointer, List<Violation> out) {
    int before = out.size();
    JsonFields fields = JsonFields.of(value, pointer, out, FORWARD_FIELDS);
    List<String> kinds =
        fields.constants(
            "kinds", k -> Optional.of(k).filter(ForwardMatch.KINDS::contains), ForwardMatch.KINDS);
    List<String> destinations =
        fields.strings(
            "destinations",
            ForwardMatch.DESTINATION,
            "host:port, the host a glob, the port a number or * (db.internal:5432, *.internal:*)");
    if (out.size() > before) {
      return Optional.empty();
    }
    if (kinds.isEmpty() && destinations.isEmpty()) {
      out.add(new Violation(pointer, NO_CRITERION));
      return Optional.empty();
    }
    return Optional.of(new ForwardMatch(kinds, destinations));
  }

  private static Optional<HttpMatch> http(JsonValue value, String pointer, List<Violation> out) {
    int before = out.size();
    JsonFields fields = JsonFields.of(value, pointer, out, HTTP_FIELDS);
    List<String> methods =
        fields.constants(
            "methods",
            m -> Optional.of(m).filter(HttpMatch.METHODS::contains),
            HttpMatch.METHODS.stream().sorted().toList());
    List<String> paths = fields.strings("paths", MAX_GLOB);
    if (out.size() > before) {
      return Optional.empty();
    }
    if (methods.isEmpty() && paths.isEmpty()) {
      out.add(new Violation(pointer, NO_CRITERION));
      return Optional.empty();
    }
    return Optional.of(new HttpMatch(methods, paths));
  }

  private static Optional<KubernetesMatch> kubernetes(
      JsonValue value, String pointer, List<Violation> out) {
    int before = out.size();
    JsonFields fields = JsonFields.of(value, pointer, out, KUBERNETES_FIELDS);
    List<String> verbs =
        fields.constants(
            "verbs",
            v -> Optional.of(v).filter(KubernetesMatch.VERBS::contains),
            KubernetesMatch.VERBS);
    String shape = "a lower-case resource name (pods, deployments.apps)";
    List<String> resources = fields.strings("resources", RESOURCE, shape);
    List<String> subresources = fields.strings("subresources", RESOURCE, shape);
    List<String> namespaces = fields.strings("namespaces", MAX_GLOB);
    if (out.size() > before) {
      return Optional.empty();
    }
    if (verbs.isEmpty() && resources.isEmpty() && subresources.isEmpty() && namespaces.isEmpty()) {
      out.add(new Violation(pointer, NO_CRITERION));
      return Optional.empty();
    }
    return Optional.of(new KubernetesMatch(verbs, resources, subresources, namespaces));
  }
}
