package io.gatehouse.sql;

import static io.gatehouse.sql.Classified.CLASSIFIER;
import static io.gatehouse.sql.Classified.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Attempts to hide a statement or an effect from the classifier. None may succeed. */
class SmugglingTest {

  private static Set<StatementKind> allKinds(String sql) {
    Set<StatementKind> all = EnumSet.noneOf(StatementKind.class);
    CLASSIFIER.classify(sql).forEach(s -> all.addAll(s.kinds()));
    return all;
  }

  @ParameterizedTest(name = "{0} reveals {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "/* x */ DrOp TABLE t | DROP",
        "SELECT 1; DROP TABLE t | DROP",
        "select 1 /* a /* b */ still */; drop table t | DROP",
        "/* /* */ */ delete from t | DELETE",
        "select $a$ x $b$ y $b$ $a$; drop table t | DROP",
        "select $a$ $A$ $a$; truncate t | TRUNCATE", // tags are case-sensitive
        "select E'\\''; drop table t; -- ' | DROP",
        "select 'a\\'; drop table t; --' | DROP", // backslash is literal: the string ends early
        "select \"a;b\"; drop table t | DROP",
        "select 1 x$$; drop table t; $$ | DROP", // x$$ is an identifier, not a dollar quote
        "with x as (select 1 as grant) delete from t | DELETE",
        "select 1); drop table t | DROP",
        "select (1; drop table t) | DROP", // rejected by the server, still over-classified
        "WITH RECURSIVE r AS (SELECT 1) UPDATE t SET a = 1 | UPDATE",
        "explain (analyze) delete from t | DELETE",
        "explain (analyze false, analyze true) delete from t | DELETE",
        "explain (analyze \"false\") delete from t | DELETE",
        "prepare p as with d as (delete from t returning 1) select 1 | DELETE",
        "declare c cursor for with d as (delete from t returning 1) select * from d | DELETE",
        "create rule r as on select to t do instead delete from u | DELETE",
        "copy (update t set a = 1 returning *) to stdout | UPDATE",
        "create function f() returns void language sql begin atomic delete from t; end | DELETE",
        "xyzzy; delete from t | DELETE",
        "vacuum t; alter system set x = 1 | ALTER_SYSTEM",
        "sElEcT 1; cOpY t tO pRoGrAm 'sh' | COPY_PROGRAM",
        "select 1 from t for update; set role postgres | ROLE",
      })
  void revealsHiddenEffects(String sql, StatementKind expected) {
    assertTrue(allKinds(sql).contains(expected), () -> sql + " -> " + allKinds(sql));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "SELECT 'DROP TABLE t' | 1",
        "SELECT $$; DROP TABLE t; $$ | 1",
        "select $x$ $$; drop table t; $$ $x$ | 1",
        "select /* ; drop table t; */ 1 | 1",
        "select E'\\'; drop table t; --' | 1",
        "select \"x;drop table t\" from t | 1",
        "select 1 -- ; drop table t | 1",
      })
  void literalsAndCommentsAreNotStatements(String sql, int statements) {
    List<StatementInfo> classified = CLASSIFIER.classify(sql);
    assertEquals(statements, classified.size(), () -> "" + classified);
    assertEquals(kinds("SELECT"), classified.get(0).kinds(), sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select 'abc",
        "select E'abc\\'; drop table t",
        "select $$ drop table t",
        "select $a$ drop table t $b$",
        "select \"abc",
        "select 1 /* /* */ drop table t",
        "xyzzy",
        "frobnicate the table t",
        "explain analyze xyzzy",
        "prepare p as xyzzy",
      })
  void unknownOrUnterminatedIsUnparseable(String sql) {
    List<StatementInfo> classified = CLASSIFIER.classify(sql);
    StatementInfo last = classified.get(classified.size() - 1);
    assertTrue(last.kinds().contains(StatementKind.UNPARSEABLE), () -> sql + " -> " + last);
    assertFalse(last.parsed());
  }

  @Test
  void unterminatedTextIsNeverTruncatedAway() {
    String sql = "select 1; select 'x; drop table t";
    List<StatementInfo> classified = CLASSIFIER.classify(sql);
    assertEquals(2, classified.size());
    assertEquals("select 'x; drop table t", classified.get(1).text());
    assertEquals(sql.length(), classified.get(1).end());
  }

  @ParameterizedTest
  @ValueSource(ints = {65, 1_000, 100_000})
  void deepNestingIsUnparseableNotAStackOverflow(int depth) {
    String sql = "select " + "(".repeat(depth) + "1" + ")".repeat(depth) + "; drop table t";
    List<StatementInfo> classified =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CLASSIFIER.classify(sql));
    assertEquals(kinds("UNPARSEABLE SELECT"), classified.get(0).kinds());
    assertEquals(kinds("DROP"), classified.get(1).kinds());
  }

  @ParameterizedTest
  @ValueSource(ints = {13, 30, 64})
  void moderateNestingIsClassifiedByTheLexerQuickly(int depth) {
    String sql = "delete from t where a = " + "(".repeat(depth) + "1" + ")".repeat(depth);
    StatementInfo info =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Classified.one(sql));
    assertEquals(kinds("DELETE"), info.kinds());
  }

  @Test
  void deeplyNestedPrefixesDoNotExhaustTheStack() {
    String sql = "explain analyze ".repeat(50_000) + "delete from t";
    StatementInfo info =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Classified.one(sql));
    assertTrue(info.kinds().contains(StatementKind.UNPARSEABLE), () -> "" + info.kinds());
  }

  @Test
  void extremelyLongInputIsClassifiedInLinearTime() {
    String sql =
        "select "
            + "a + ".repeat(200_000)
            + "1 from t; "
            + "select 'x';".repeat(50_000)
            + " drop table t";
    List<StatementInfo> classified =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CLASSIFIER.classify(sql));
    assertEquals(50_002, classified.size());
    assertEquals(kinds("DROP"), classified.get(classified.size() - 1).kinds());
  }

  /** Keywords that trigger a look-around must not make classification quadratic. */
  @ParameterizedTest
  @ValueSource(strings = {"delete, ", "copy, ", "update ", "on ", "from a, ", "explain ", "f(1), "})
  void repeatedKeywordsStayLinear(String repeated) {
    String sql = "create view v as select " + repeated.repeat(60_000) + "1 where x";
    StatementInfo info =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Classified.one(sql));
    assertTrue(info.kinds().contains(StatementKind.CREATE), () -> "" + info.kinds());
  }

  /** JSqlParser slows sharply with nesting of any kind; such statements are lexer-classified. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "select array[array[array[array[array[array[array[array[array[array[array[array[array[1]"
            + "]]]]]]]]]]]]",
        "select case when case when case when case when case when case when case when case when "
            + "case when case when case when case when case when true then true end then true "
            + "end then true end then true end then true end then true end then true end then "
            + "true end then true end then true end then true end then true end then 1 end",
      })
  void deeplyNestedExpressionsSkipTheParser(String sql) {
    StatementInfo info =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Classified.one(sql));
    assertFalse(info.parsed());
    assertEquals(kinds("SELECT"), info.kinds());
  }

  @Test
  void longLiteralsAndCommentsDoNotSlowTheLexer() {
    String sql = "select '" + "x".repeat(5_000_000) + "' /*" + "y".repeat(1_000_000) + "*/";
    StatementInfo info =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Classified.one(sql));
    assertEquals("select ?", info.shape());
  }
}
