package io.gatehouse.pg.proxy;

import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.DataRowRewriter;
import java.util.List;

/** Masks what flows back to the client: result rows, COPY data and message texts. */
public interface ResultMasking {

  /** No masking at all. */
  ResultMasking NONE =
      new ResultMasking() {
        @Override
        public DataRowRewriter forColumns(List<BackendMessage.Field> fields) {
          return null;
        }

        @Override
        public String maskText(String text) {
          return text;
        }

        @Override
        public boolean active() {
          return false;
        }
      };

  /** A rewriter for rows described by {@code fields}, or null when no column needs masking. */
  DataRowRewriter forColumns(List<BackendMessage.Field> fields);

  /** As {@link #forColumns(List)}, with the fields' tables resolved by {@code columns}. */
  default DataRowRewriter forColumns(List<BackendMessage.Field> fields, ResultColumns columns) {
    return forColumns(fields);
  }

  /**
   * A notice for the client when some masked columns of {@code fields} are sent as NULL (binary
   * values the gateway cannot rewrite in place), else null.
   */
  default String withheldNotice(List<BackendMessage.Field> fields, ResultColumns columns) {
    return null;
  }

  /**
   * For a {@code COPY … TO STDOUT}, whose lines are masked by detectors only: the id of a column
   * rule that may select one of the columns it writes, else null. {@code table} null for {@code
   * COPY (query)}, whose columns are unknown; {@code columns} empty for every column of the table.
   */
  default String copyColumnRule(String schema, String table, List<String> columns) {
    return null;
  }

  /** {@code text} with every detected sensitive value masked (the same instance if none). */
  String maskText(String text);

  /** Whether any masking applies in this session. */
  boolean active();
}
