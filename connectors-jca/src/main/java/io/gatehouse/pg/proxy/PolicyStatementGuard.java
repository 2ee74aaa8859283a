package io.gatehouse.pg.proxy;

import io.gatehouse.policy.Action;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.Rule;
import io.gatehouse.policy.SqlMatch;
import io.gatehouse.sql.SqlClassifier;
import io.gatehouse.sql.StatementInfo;
import io.gatehouse.sql.StatementKind;
import io.gatehouse.ssh.command.Glob;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A policy's SQL rules for one identity: each statement of a text is classified and the first rule
 * whose {@code when.sql} matches decides. A text of several statements gets the strictest verdict
 * of its statements (block before review before allow), since a simple query runs as a whole. A
 * statement the classifier could not understand is refused when the policy has any SQL rule, unless
 * a rule names {@code UNPARSEABLE} (fail closed).
 */
final class PolicyStatementGuard implements StatementGuard {

  private record CompiledRule(
      Rule rule, SqlMatch match, List<Glob> objects, List<Glob> functions) {}

  private final Policy policy;
  private final List<CompiledRule> rules = new ArrayList<>();
  private final SqlClassifier classifier;

  PolicyStatementGuard(Policy policy, Set<String> identityGroups, SqlClassifier classifier) {
    this.policy = policy;
    this.classifier = classifier;
    for (Rule rule : policy.rules()) {
      if (rule.when().sql().isPresent() && rule.appliesTo(identityGroups)) {
        SqlMatch match = rule.when().sql().get();
        rules.add(
            new CompiledRule(
                rule,
                match,
                match.objects().stream().map(PolicyStatementGuard::lowerGlob).toList(),
                match.functions().stream().map(PolicyStatementGuard::lowerGlob).toList()));
      }
    }
  }

  @Override
  public Verdict check(String sql) {
    List<StatementInfo> statements = classifier.classify(sql);
    Verdict strictest = null;
    Set<StatementKind> kinds = EnumSet.noneOf(StatementKind.class);
    for (StatementInfo statement : statements) {
      kinds.addAll(statement.kinds());
      Verdict verdict = decide(statement);
      if (strictest == null || rank(verdict.outcome()) > rank(strictest.outcome())) {
        strictest = verdict;
      }
    }
    String summary = summary(kinds);
    if (strictest == null) {
      return Verdict.allow(summary);
    }
    return new Verdict(strictest.outcome(), strictest.ruleId(), strictest.message(), summary);
  }

  // The kinds' names, sorted and comma-separated; runs once per statement, so no stream.
  private static String summary(Set<StatementKind> kinds) {
    if (kinds.size() == 1) {
      return kinds.iterator().next().name();
    }
    String[] names = new String[kinds.size()];
    int i = 0;
    for (StatementKind kind : kinds) {
      names[i++] = kind.name();
    }
    java.util.Arrays.sort(names);
    return String.join(",", names);
  }

  private Verdict decide(StatementInfo statement) {
    for (CompiledRule compiled : rules) {
      if (matches(compiled, statement)) {
        Rule rule = compiled.rule();
        return new Verdict(outcome(rule.action()), rule.id(), rule.message().orElse(null), null);
      }
    }
    if (statement.has(StatementKind.UNPARSEABLE) && policy.hasSqlRules()) {
      return new Verdict(
          Verdict.Outcome.BLOCK,
          null,
          "the statement could not be analysed, and this connection's policy refuses what it"
              + " cannot analyse",
          null);
    }
    return new Verdict(outcome(policy.defaultAction()), null, null, null);
  }

  private static boolean matches(CompiledRule compiled, StatementInfo statement) {
    SqlMatch match = compiled.match();
    if (!match.kinds().isEmpty() && !anyKindOf(match.kinds(), statement)) {
      return false;
    }
    if (match.withoutWhere() && !statement.writesWithoutWhere()) {
      return false;
    }
    if (!compiled.objects().isEmpty()
        && !anyObjectMatches(compiled.objects(), statement.objects())) {
      return false;
    }
    return compiled.functions().isEmpty()
        || statement.functions().stream()
            .anyMatch(f -> compiled.functions().stream().anyMatch(g -> g.matches(f)));
  }

  private static boolean anyKindOf(Collection<StatementKind> kinds, StatementInfo statement) {
    for (StatementKind kind : kinds) {
      if (statement.kinds().contains(kind)) {
        return true;
      }
    }
    return false;
  }

  // An unqualified relation is matched as written and as public.<name>.
  private static boolean anyObjectMatches(List<Glob> globs, Set<String> objects) {
    for (String object : objects) {
      String qualified = object.indexOf('.') < 0 ? "public." + object : object;
      for (Glob glob : globs) {
        if (glob.matches(object) || glob.matches(qualified)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Glob lowerGlob(String glob) {
    return Glob.of(glob.toLowerCase(java.util.Locale.ROOT));
  }

  static Verdict.Outcome outcome(Action action) {
    return switch (action) {
      case ALLOW -> Verdict.Outcome.ALLOW;
      case BLOCK -> Verdict.Outcome.BLOCK;
      case REVIEW -> Verdict.Outcome.REVIEW;
    };
  }

  private static int rank(Verdict.Outcome outcome) {
    return switch (outcome) {
      case ALLOW -> 0;
      case REVIEW -> 1;
      case BLOCK -> 2;
    };
  }
}
