package io.gatehouse.pg.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of an ErrorResponse or NoticeResponse, keyed by their one-byte codes, in wire order.
 * Build with {@link #of} and {@link #with}; parse with {@link BackendMessages}.
 */
public record ErrorFields(Map<Character, String> fields) {
  public static final char SEVERITY = 'S';

  /** Non-localized severity (PostgreSQL 9.6+). */
  public static final char SEVERITY_NONLOCALIZED = 'V';

  public static final char CODE = 'C';
  public static final char MESSAGE = 'M';
  public static final char DETAIL = 'D';
  public static final char HINT = 'H';
  public static final char POSITION = 'P';
  public static final char INTERNAL_POSITION = 'p';
  public static final char INTERNAL_QUERY = 'q';
  public static final char WHERE = 'W';
  public static final char SCHEMA = 's';
  public static final char TABLE = 't';
  public static final char COLUMN = 'c';
  public static final char DATA_TYPE = 'd';
  public static final char CONSTRAINT = 'n';
  public static final char FILE = 'F';
  public static final char LINE = 'L';
  public static final char ROUTINE = 'R';

  public ErrorFields {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Severity (ERROR, FATAL, PANIC, WARNING, NOTICE, ...), SQLSTATE and message. */
  public static ErrorFields of(String severity, String sqlState, String message) {
    Map<Character, String> m = new LinkedHashMap<>();
    m.put(SEVERITY, severity);
    m.put(SEVERITY_NONLOCALIZED, severity);
    m.put(CODE, sqlState);
    m.put(MESSAGE, message);
    return new ErrorFields(m);
  }

  public static ErrorFields error(String sqlState, String message) {
    return of("ERROR", sqlState, message);
  }

  public static ErrorFields fatal(String sqlState, String message) {
    return of("FATAL", sqlState, message);
  }

  /** A copy with one more field; a {@code null} value leaves the field out. */
  public ErrorFields with(char code, String value) {
    if (value == null) {
      return this;
    }
    Map<Character, String> m = new LinkedHashMap<>(fields);
    m.put(code, value);
    return new ErrorFields(m);
  }

  public String get(char code) {
    return fields.get(code);
  }

  public String severity() {
    String v = fields.get(SEVERITY_NONLOCALIZED);
    return v != null ? v : fields.get(SEVERITY);
  }

  public String sqlState() {
    return fields.get(CODE);
  }

  public String message() {
    return fields.get(MESSAGE);
  }

  public String detail() {
    return fields.get(DETAIL);
  }

  public String hint() {
    return fields.get(HINT);
  }
}
