package io.gatehouse.sql;

import static io.gatehouse.sql.Classified.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatementShapeTest {
  private static final String[] TEMPLATES = {
    "select abalance from pgbench_accounts where aid = $1",
    "select a , ?L from t where b = ?L and c in ( ?L , ?L ) limit ?L",
    "update pgbench_accounts set abalance = abalance + ?L where aid = ?L",
    "insert into pgbench_history ( tid , bid , aid , delta , mtime ) values ( ?L , ?L , ?L , ?L , now ( ) )",
    "delete from t where id = ?L",
    "delete from t",
    "with d as ( delete from t where x = ?L returning * ) select * from d",
    "explain analyze update t set a = ?L",
    "explain ( analyze ?L ) delete from t",
    "select pg_read_file ( ?L ) from \"Secret\" . \"Files\"",
    "select * from dblink ( ?L , ?L ) as x ( a int )",
    "copy t from program ?L",
    "copy ( select ?L ) to stdout",
    "do ?L",
    "create table t ( a varchar ( ?L ) default ?L )",
    "set role ?L",
    "prepare p as select * from t where a = ?L",
    "insert into t values ( ?L ) on conflict ( a ) do update set b = ?L",
    "select * from t where a = ?L for update",
    "grant select on t to bob",
    "select ?L :: int , ?L || ?L from generate_series ( ?L , ?L )",
    "xyzzy ?L",
    "merge into t using s on t . id = s . id when matched then update set a = ?L",
  };
  private static final String[] LITERALS = {
    "1",
    "42.5",
    "1e3",
    "0x1F",
    "'x'",
    "'it''s'",
    "E'a\\'b'",
    "$$x$$",
    "$q$;drop table t;$q$",
    "U&'d\\0061t'",
    "B'101'",
    "'drop table t'",
    "''",
    "$$ delete from t $$",
    "'off'",
    "0",
  };
  private static final String[] SEPARATORS = {
    " ", "\n", "   ", " /* c */ ", " /* ; drop table t; /* nested */ */ ", " -- c; drop\n", "\t",
  };

  static Stream<Arguments> normalisations() {
    return Stream.of(
        Arguments.of(
            "SELECT  a,\n b FROM T WHERE x = 'y' AND z = 42",
            "select a , b from t where x = ? and z = ?"),
        Arguments.of("select $$ a $$, $t$ b $t$, E'\\''", "select ? , ? , ?"),
        Arguments.of(
            "/* c */ Select \"MixedCase\" -- c\n from \"T\"", "select \"MixedCase\" from \"T\""),
        Arguments.of(
            "select * from t where a = $1 and b = ANY($2)",
            "select * from t where a = $1 and b = any ( $2 )"),
        Arguments.of("select 1 ;", "select ?"),
        Arguments.of("select U&\"d\\0061t\"", "select \"dat\""),
        Arguments.of("select U&\"d!0061t\" UESCAPE '!'", "select \"dat\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("normalisations")
  void normalises(String sql, String shape) {
    assertEquals(shape, one(sql).shape());
  }

  @Test
  void shapesKeepWhatDecidesTheClassification() {
    assertNotEquals(one("select * from \"T\"").shape(), one("select * from t").shape());
    assertNotEquals(one("delete from t").shape(), one("delete from t where a = 1").shape());
    assertNotEquals(one("select 'a'").shape(), one("select \"a\"").shape());
  }

  @Test
  void unterminatedShapesCannotCollideWithCompleteOnes() {
    assertNotEquals(one("select 'a").shape(), one("select 'a'").shape());
  }

  /**
   * The cache's soundness, as a property: statements generated from one template with different
   * literals, case, whitespace and comments have one shape, and classified independently (no cache)
   * they classify identically; and a shape is a fixed point of shaping.
   */
  @Test
  void statementsOfEqualShapeClassifyIdentically() {
    Random random = new Random(20_260_101L);
    Map<String, Classification> byShape = new HashMap<>();
    for (String template : TEMPLATES) {
      List<String> shapes = new ArrayList<>();
      for (int variant = 0; variant < 25; variant++) {
        String sql = generate(template, random);
        StatementInfo info = new SqlClassifier(new ClassificationCache(1)).classify(sql).get(0);
        shapes.add(info.shape());
        Classification previous = byShape.putIfAbsent(info.shape(), classificationOf(info));
        if (previous != null) {
          assertEquals(previous, classificationOf(info), sql);
        }
        assertEquals(info.shape(), one(info.shape()).shape(), "shaping is idempotent");
      }
      assertEquals(1, shapes.stream().distinct().count(), () -> template + ": " + shapes);
    }
  }

  static String generate(String template, Random random) {
    StringBuilder sql = new StringBuilder();
    for (String part : template.split(" ")) {
      if (sql.length() > 0) {
        sql.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
      }
      if (part.equals("?L")) {
        sql.append(LITERALS[random.nextInt(LITERALS.length)]);
      } else if (part.startsWith("\"") || part.startsWith("$")) {
        sql.append(part);
      } else {
        sql.append(randomCase(part, random));
      }
    }
    return sql.toString();
  }

  private static String randomCase(String word, Random random) {
    StringBuilder out = new StringBuilder();
    for (char c : word.toCharArray()) {
      out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  static Classification classificationOf(StatementInfo info) {
    return new Classification(
        info.kinds(), info.objects(), info.functions(), info.writesWithoutWhere(), info.parsed());
  }
}
