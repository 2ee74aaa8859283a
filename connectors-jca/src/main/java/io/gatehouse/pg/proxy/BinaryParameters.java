package io.gatehouse.pg.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a binary-format bind parameter as text, for the recording, by the type its statement's
 * Parse declared: the types drivers send in binary (the JDBC driver's {@code setInt}, {@code
 * setLong}, {@code setDouble}, {@code setBoolean}, {@code setObject(UUID)}) and the text types.
 * Anything else stays unread ({@code null}). Remembers the declared types of a session's statements
 * by name, a bounded number of them (a statement forgotten reads as undeclared).
 */
final class BinaryParameters {

  static final int BOOL = 16;
  static final int INT8 = 20;
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int TEXT = 25;
  static final int OID = 26;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int BPCHAR = 1042;
  static final int VARCHAR = 1043;
  static final int UUID_TYPE = 2950;

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
    ByteBuffer v = value.duplicate();
    int n = v.remaining();
    return switch (type) {
      case BOOL -> n == 1 ? (v.get() != 0 ? "t" : "f") : null;
      case INT2 -> n == 2 ? Short.toString(v.getShort()) : null;
      case INT4 -> n == 4 ? Integer.toString(v.getInt()) : null;
      case OID -> n == 4 ? Long.toString(Integer.toUnsignedLong(v.getInt())) : null;
      case INT8 -> n == 8 ? Long.toString(v.getLong()) : null;
      case FLOAT4 -> n == 4 ? Float.toString(v.getFloat()) : null;
      case FLOAT8 -> n == 8 ? Double.toString(v.getDouble()) : null;
      case UUID_TYPE -> n == 16 ? new UUID(v.getLong(), v.getLong()).toString() : null;
      case TEXT, VARCHAR, BPCHAR -> StandardCharsets.UTF_8.decode(v).toString();
      default -> null;
    };
  }
}
