package io.gatehouse.sql;

import static io.gatehouse.sql.Classified.CLASSIFIER;
import static io.gatehouse.sql.Classified.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementInfoTest {

  @Test
  void offsetsPointIntoTheOriginalText() {
    String sql = "/* lead */ SELECT 1 ;\n  DELETE FROM t WHERE a = 'x;y' ; ";
    List<StatementInfo> statements = CLASSIFIER.classify(sql);
    assertEquals(2, statements.size());
    for (StatementInfo s : statements) {
      assertEquals(s.text(), sql.substring(s.start(), s.end()));
    }
    assertEquals("DELETE FROM t WHERE a = 'x;y'", statements.get(1).text());
  }

  @Test
  void emptyInputHasNoStatements() {
    assertTrue(CLASSIFIER.classify("  ; -- nothing\n ; /* */").isEmpty());
  }

  @Test
  void nullInputIsRejected() {
    assertThrows(NullPointerException.class, () -> CLASSIFIER.classify(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select * from t where a = $1",
        "update t set a = 1 where b = 2",
        "insert into t (a) values (1)",
        "delete from t",
        "drop table t",
      })
  void theParserUnderstandsCommonStatements(String sql) {
    assertTrue(one(sql).parsed(), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {"do $$ begin end $$", "xyzzy", "copy t to stdout", "vacuum t"})
  void statementsTheParserDoesNotKnowAreLexerClassified(String sql) {
    assertFalse(one(sql).parsed(), sql);
  }

  /** Quoting and Unicode escapes must not disguise a function or relation name. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "select U&\"pg_read_fil\\0065\"('x') | pg_read_file",
        "select U&\"pg_read_fil!0065\" UESCAPE '!' ('x') | pg_read_file",
        "select U&\"pg_read_fil\\+000065\"('x') | pg_read_file",
        "select \"pg_read_file\"('x') | pg_read_file",
      })
  void unicodeEscapesDoNotHideFunctions(String sql, String function) {
    assertTrue(one(sql).functions().contains(function), () -> "" + one(sql).functions());
  }

  @Test
  void namesAreTruncatedLikeTheServerDoes() {
    String table = "t".repeat(63);
    StatementInfo info = one("select * from " + table + "_this_part_is_ignored");
    assertTrue(info.objects().contains(table), () -> "" + info.objects());
  }

  @Test
  void unterminatedStatementsAreUnparseableWithTheirVisibleEffects() {
    StatementInfo info = one("delete from t where a = 'x");
    assertTrue(info.has(StatementKind.UNPARSEABLE));
    assertTrue(info.has(StatementKind.DELETE));
  }
}
