package io.gatehouse.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HighlightTest {

  private static String joined(List<Highlight.Piece> pieces) {
    return pieces.stream().map(Highlight.Piece::text).collect(Collectors.joining());
  }

  @Test
  void piecesJoinedAreExactlyTheStatement() {
    String sql = "DELETE FROM orders WHERE id = 42 AND note = 'it''s <b>'; -- why\n/* c */ x1";
    assertEquals(sql, joined(Highlight.of(sql)));
  }

  @Test
  void keywordsStringsNumbersAndCommentsAreTold() {
    List<Highlight.Piece> pieces = Highlight.of("delete from t where id = 42 -- note");
    assertTrue(pieces.contains(new Highlight.Piece("delete", "kw")), pieces.toString());
    assertTrue(pieces.contains(new Highlight.Piece("42", "num")), pieces.toString());
    assertTrue(pieces.contains(new Highlight.Piece("-- note", "cmt")), pieces.toString());
    assertTrue(
        Highlight.of("x = '<script>'").contains(new Highlight.Piece("'<script>'", "str")),
        "a quoted string stays one piece");
    assertEquals(
        List.of(new Highlight.Piece("t1 = ", "txt"), new Highlight.Piece("2", "num")),
        Highlight.of("t1 = 2"),
        "digits inside a name are not a number");
  }

  @Test
  void anUnterminatedStringOrNothingAtAllIsFine() {
    assertEquals("'open", joined(Highlight.of("'open")));
    assertEquals(List.of(), Highlight.of(null));
  }
}
