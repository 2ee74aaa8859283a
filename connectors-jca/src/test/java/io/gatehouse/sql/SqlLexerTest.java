package io.gatehouse.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlLexerTest {

  private static String normalised(String sql) {
    LexedSql lexed = SqlLexer.lex(sql);
    assertTrue(lexed.complete(), () -> "unterminated at " + lexed.unterminatedAt() + ": " + sql);
    return lexed.tokens().stream().map(Token::text).collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "SELECT 'it''s' | select ?",
        "select E'it\\'s' , e'a\\\\' | select ? , ?",
        "select 'a\\' , 1 | select ? , ?", // standard_conforming_strings: backslash is literal
        "select U&'d\\0061t' UESCAPE '!' | select ? uescape ?",
        "select B'101', X'1F', N'x' | select ? , ? , ?",
        "select \"My \"\"Col\"\"\" from T | select \"My \"\"Col\"\"\" from t",
        "select U&\"d\\0061t\" | select \"dat\"", // decoded: the shape names the identifier
        "select U&\"\\+000061\\\\\"\"\" | select \"a\\\"\"\"",
        "select U&\"d!0061t\" uescape '!' | select \"dat\"",
        "select $$ a ' b $$ | select ?",
        "select $fn$ $$ nested $$ $fn$ | select ?",
        "select $a$ x $b$ y $b$ z $a$ | select ?",
        "select $1 + $23 | select $1 + $23",
        "select x$$ | select x$$", // $ continues an identifier: not a dollar quote
        "select 1.5e-3, .5, 0x1F, 1_000, 3. | select ? , ? , ? , ? , ?",
        "select a::int | select a :: int",
        "select a=-1 | select a = - ?", // an operator does not end in + or - ...
        "select a @- 1 | select a @- ?", // ... unless it contains one of ~!@#%^&|`?
        "select 1 -- comment ; drop\\n, 2 | select ? , ?",
        "select /* a /* nested ; */ still comment */ 1 | select ?",
        "select 1/*c*/+2 | select ? + ?",
        "SELECT Ä, ÄBC | select Ä , Äbc", // only ASCII folds, as in the server
      })
  void normalisesTokens(String sql, String expected) {
    assertEquals(expected, normalised(sql.replace("\\n", "\n")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select 'abc",
        "select E'abc\\'",
        "select \"abc",
        "select $$abc",
        "select $tag$abc$TAG$",
        "select $a$ abc $b$",
        "select 1 /* open /* nested */ still open",
        "select U&'abc",
        "select 'abc''",
      })
  void reportsUnterminatedTokens(String sql) {
    assertFalse(SqlLexer.lex(sql).complete(), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {"select 1 -- no newline at end", "select ''", "select \"\"\"\"", ""})
  void acceptsCompleteEdgeCases(String sql) {
    assertTrue(SqlLexer.lex(sql).complete(), sql);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // A continuation after a newline keeps E'' mode: the \' is escaped, all one constant.
        "select E'a'\\n'\\'; drop table t; --' | select ?",
        "select 'a'\\n  -- comment\\n'b' | select ?",
        "select 'a' 'b' | select ? ?", // no newline: two constants (a syntax error in the server)
      })
  void continuesStringsAcrossNewlines(String sql, String expected) {
    assertEquals(expected, normalised(sql.replace("\\n", "\n")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {"select 'x' | 7 | 10", "`  $$a$$` | 2 | 7"})
  void keepsOffsetsIntoTheOriginalText(String sql, int start, int end) {
    Token token =
        SqlLexer.lex(sql).tokens().stream()
            .filter(t -> t.type() == TokenType.STRING)
            .findFirst()
            .orElseThrow();
    assertEquals(start, token.start());
    assertEquals(end, token.end());
  }
}
