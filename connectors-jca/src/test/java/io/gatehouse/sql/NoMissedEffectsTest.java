package io.gatehouse.sql;

import static io.gatehouse.sql.Classified.CLASSIFIER;
import static io.gatehouse.sql.Classified.kinds;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The classifier's invariant: no statement is classified with fewer effects than it has. Each
 * statement with known effects is disguised in many ways (case, comments, neighbours, wrappers that
 * run it); the disguised text must still show every effect.
 */
class NoMissedEffectsTest {
  private static final List<UnaryOperator<String>> DISGUISES =
      List.of(
          s -> s,
          s -> "/* x */ " + s,
          s -> "/* /* ; */ */" + s + " -- ; select 1",
          s -> "select 1; " + s,
          s -> "select ';'; " + s + "; select $$;$$",
          s -> "select 1 as \"a;b\";\n" + s,
          NoMissedEffectsTest::randomCase,
          s -> s.replace(" ", "\n\t/* c */ "),
          s -> s.replace(" ", " -- c\n"));
  private static final List<UnaryOperator<String>> DML_WRAPPERS =
      List.of(
          s -> "with w as (" + s + " returning 1) select * from w",
          s -> "with recursive w as (select 1), v as (" + s + " returning 1) select 1",
          s -> "explain analyze " + s,
          s -> "explain (analyze, verbose) " + s,
          s -> "explain (format json, analyze on) " + s,
          s -> "prepare p as " + s,
          s -> "copy (" + s + " returning 1) to stdout",
          s -> "create rule r as on insert to t do instead " + s);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "delete from t | DELETE",
        "update t set a = 1 | UPDATE",
        "insert into t values (1) | INSERT",
        "merge into t using s on true when matched then delete | MERGE",
      })
  void dataChangesAreSeenThroughEveryWrapperAndDisguise(String sql, String expected) {
    for (UnaryOperator<String> wrapper : DML_WRAPPERS) {
      assertSeenThroughDisguises(wrapper.apply(sql), kinds(expected));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "drop table t | DROP",
        "truncate t | TRUNCATE",
        "alter system set fsync = off | ALTER_SYSTEM",
        "copy t to program 'sh' | COPY_PROGRAM",
        "copy t from stdin | COPY_FROM",
        "do $$ begin null; end $$ | DO",
        "set role postgres | ROLE",
        "set session authorization postgres | ROLE",
        "create role r superuser | ROLE",
        "grant all on t to public | GRANT",
        "revoke all on t from public | REVOKE",
        "call p() | CALL",
        "create table t2 as select * from t | CREATE",
        "select * into t2 from t | CREATE",
        "load '/tmp/evil.so' | LOAD",
        "vacuum full | MAINTENANCE",
        "execute p | EXECUTE",
        "declare c cursor for select 1 | CURSOR",
        "xyzzy | UNPARSEABLE",
        "select 'unterminated | UNPARSEABLE",
      })
  void commandsAreSeenThroughEveryDisguise(String sql, String expected) {
    assertSeenThroughDisguises(sql, kinds(expected));
  }

  private static void assertSeenThroughDisguises(String sql, Set<StatementKind> expected) {
    for (UnaryOperator<String> disguise : DISGUISES) {
      String disguised = disguise.apply(sql);
      Set<StatementKind> seen = EnumSet.noneOf(StatementKind.class);
      CLASSIFIER.classify(disguised).forEach(s -> seen.addAll(s.kinds()));
      assertTrue(seen.containsAll(expected), () -> disguised + " -> " + seen);
    }
  }

  /** Upper-cases letters at random outside quotes; quoted text keeps its case. */
  private static String randomCase(String sql) {
    Random random = new Random(sql.hashCode());
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    for (char c : sql.toCharArray()) {
      quoted ^= c == '\'' || c == '"' || c == '$';
      out.append(!quoted && random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }
}
