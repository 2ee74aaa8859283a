package io.gatehouse.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopyOutputsTest {

  /** sql | what each COPY TO STDOUT writes: schema.table(columns), "query", or nothing. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "copy t to stdout | null.t()",
        "COPY Public.T (A, \"B c\") TO STDOUT (FORMAT csv) | public.t(a,B c)",
        "copy db.s.t (a) to stdout | s.t(a)",
        "copy binary t to stdout | null.t()",
        "copy (select a from t) to stdout | query",
        "copy t (a, ) to stdout | query",
        "copy t (a) b to stdout | query",
        "copy t from stdin | ''",
        "copy t to '/tmp/x' | ''",
        "copy t to program 'gzip' | ''",
        "select 1; copy t (a) to stdout; copy (select 1) to stdout | null.t(a) query",
        "/* copy */ select 'copy t to stdout' | ''",
        "copy t | query",
      })
  void readsWhatEachCopyWrites(String sql, String expected) {
    List<String> found =
        CopyOutputs.of(sql).stream()
            .map(
                o ->
                    o.isQuery()
                        ? "query"
                        : o.schema() + "." + o.table() + "(" + String.join(",", o.columns()) + ")")
            .toList();
    assertEquals(expected, String.join(" ", found), sql);
  }
}
