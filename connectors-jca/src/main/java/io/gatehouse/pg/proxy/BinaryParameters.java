package io.gatehouse.pg.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a binary-format bind parameter as text, for the recording, by the type its statement's
 * Parse declared: the types drivers send in binary (the JDBC driver's {@code setInt}, {@code
 * setLong}, {@code setDouble}, {@code setObject(UUID)}, {@code setBigDecimal}) and the text types,
 * decoded as result values are ({@link BinaryValues#decode}). Anything else stays unread ({@code
 * null}). Remembers the declared types of a session's statements by name, a bounded number of them
 * (a statement forgotten reads as undeclared).
 */
final class BinaryParameters {

  private static final int BYTEA = 17;

  /** Statement names remembered per session; drivers cache far fewer. */
  static final int MAX_STATEMENTS = 1024;

  private final Map<String, List<Integer>> declared =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Integer>> eldest) {
          return size() > MAX_STATEMENTS;
        }
      };

  /** A Parse of {@code statement} declared these parameter types (0: unspecified). */
  void parsed(String statement, List<Integer> types) {
    declared.put(statement, types);
  }

  /** The declared type of a statement's parameter, or 0 when not declared or not known. */
  int typeOf(String statement, int parameter) {
    List<Integer> types = declared.get(statement);
    return types == null || parameter >= types.size() ? 0 : types.get(parameter);
  }

  /** The value as text, or null when its type is not one this reads (or its size is wrong). */
  static String text(int type, ByteBuffer value) {
    if (type != BYTEA && BinaryValues.BYTE_TYPES.contains(type)) {
      return StandardCharsets.UTF_8.decode(value.duplicate()).toString();
    }
    return BinaryValues.decode(type, value);
  }
}
