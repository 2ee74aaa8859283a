package io.gatehouse.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementSplitterTest {

  private static List<String> texts(String sql) {
    return StatementSplitter.split(SqlLexer.lex(sql)).stream()
        .map(s -> sql.substring(s.start(), s.end()))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "select 1; drop table t | 2",
        "select 1;; ;select 2; | 2",
        "; ;  ; | 0",
        "select ';' | 1",
        "select \"a;b\" from t | 1",
        "select $$;$$; select $x$;$x$ | 2",
        "select 1 -- ; drop table t | 1",
        "select /* ; */ 1 | 1",
        "select (1; 2) | 1", // the server rejects it whole; never split inside parentheses
        "select 1); drop table t | 2", // an unbalanced close does not hide the next statement
        "create function f() returns int language sql begin atomic select 1; select 2; end; "
            + "select 3 | 2",
        "create or replace procedure p() language sql begin atomic "
            + "select case when true then 1 end; begin atomic; end; end; select 1 | 2",
        "begin; select 1; end; | 3", // a transaction BEGIN is not an atomic body
      })
  void countsStatements(String sql, int expected) {
    assertEquals(expected, texts(sql).size(), () -> texts(sql).toString());
  }

  @Test
  void slicesAreOffsetsIntoTheOriginalWithoutSemicolons() {
    String sql = "  SELECT 1 ;\n/* c */ drop TABLE t;";
    assertEquals(List.of("SELECT 1", "drop TABLE t"), texts(sql));
    List<StatementSlice> slices = StatementSplitter.split(SqlLexer.lex(sql));
    assertEquals(2, slices.get(0).start());
    assertEquals(sql.indexOf("drop"), slices.get(1).start());
  }

  @Test
  void unterminatedInputEndsInAnIncompleteSliceToTheEnd() {
    String sql = "select 1; select 'abc; drop table t";
    List<StatementSlice> slices = StatementSplitter.split(SqlLexer.lex(sql));
    assertEquals(2, slices.size());
    assertTrue(slices.get(0).complete());
    assertFalse(slices.get(1).complete());
    assertEquals(sql.length(), slices.get(1).end());
  }

  @Test
  void unterminatedCommentAloneIsStillAStatement() {
    List<StatementSlice> slices = StatementSplitter.split(SqlLexer.lex("select 1; /* drop"));
    assertEquals(2, slices.size());
    assertFalse(slices.get(1).complete());
  }
}
