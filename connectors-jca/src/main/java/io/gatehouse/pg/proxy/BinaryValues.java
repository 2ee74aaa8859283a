package io.gatehouse.pg.proxy;

import io.gatehouse.masking.RowMasker;
import io.gatehouse.pg.wire.DataRowRewriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * Masking of values a client asked for in binary format. A masked value is always valid for its
 * type, or SQL NULL, never the original:
 *
 * <ul>
 *   <li>text types and {@code bytea}: masked as bytes, like text;
 *   <li>{@code jsonb}: its binary form is a version byte (1) and the JSON text, which is masked
 *       like text behind the same byte (a value of another version is sent as NULL);
 *   <li>{@code int2}, {@code int4}, {@code int8}, {@code oid}, {@code float4}, {@code float8},
 *       {@code bool}: decoded to their text form, masked like text, and sent as the number the
 *       masked text leaves (partial keeps the last four digits, hash a stable number, redact 0);
 *   <li>{@code numeric}, {@code uuid}: decoded and scanned like text; a masked one is sent as NULL;
 *   <li>dates and times: cannot hold what detectors find, so only a column rule masks them (NULL);
 *   <li>arrays of the types above: masked element by element with the element type's rule; an
 *       element with no masked form becomes a NULL element, so the array stays valid;
 *   <li>any other type (composites, ranges, ...): cannot be rewritten safely, sent as NULL.
 * </ul>
 */
final class BinaryValues {

  // text, varchar, bpchar, name, json, xml, unknown, bytea: bytes in binary form as in text form.
  static final Set<Integer> BYTE_TYPES = Set.of(25, 1043, 1042, 19, 114, 142, 705, 17);
  private static final int BOOL = 16;
  private static final int INT8 = 20;
  private static final int INT2 = 21;
  private static final int INT4 = 23;
  private static final int OID = 26;
  private static final int FLOAT4 = 700;
  private static final int FLOAT8 = 701;
  private static final int NUMERIC = 1700;
  private static final int UUID_TYPE = 2950;
  private static final int JSONB = 3802;
  private static final byte JSONB_VERSION = 1;
  // date, time, timestamp, timestamptz, interval, timetz
  private static final Set<Integer> TEMPORAL = Set.of(1082, 1083, 1114, 1184, 1186, 1266);

  // Array type -> element type, for the element types handled above.
  private static final java.util.Map<Integer, Integer> ARRAY_ELEMENTS =
      java.util.Map.ofEntries(
          java.util.Map.entry(1009, 25), // text[]
          java.util.Map.entry(1015, 1043), // varchar[]
          java.util.Map.entry(1014, 1042), // bpchar[]
          java.util.Map.entry(1003, 19), // name[]
          java.util.Map.entry(199, 114), // json[]
          java.util.Map.entry(143, 142), // xml[]
          java.util.Map.entry(1001, 17), // bytea[]
          java.util.Map.entry(3807, 3802), // jsonb[]
          java.util.Map.entry(1000, BOOL),
          java.util.Map.entry(1005, INT2),
          java.util.Map.entry(1007, INT4),
          java.util.Map.entry(1016, INT8),
          java.util.Map.entry(1028, OID),
          java.util.Map.entry(1021, FLOAT4),
          java.util.Map.entry(1022, FLOAT8),
          java.util.Map.entry(1231, NUMERIC),
          java.util.Map.entry(2951, UUID_TYPE),
          java.util.Map.entry(1182, 1082), // date[]
          java.util.Map.entry(1183, 1083), // time[]
          java.util.Map.entry(1115, 1114), // timestamp[]
          java.util.Map.entry(1185, 1184), // timestamptz[]
          java.util.Map.entry(1187, 1186), // interval[]
          java.util.Map.entry(1270, 1266)); // timetz[]

  // Arrays whose elements are numbers: their masked text is made numbers again element by element.
  private static final Set<Integer> NUMBER_ARRAYS =
      Set.of(1005, 1007, 1016, 1028, 1021, 1022, 1231);

  /** Dimensions PostgreSQL allows an array (MAXDIM). */
  private static final int MAX_DIMENSIONS = 6;

  private BinaryValues() {}

  /** Whether values of {@code typeOid} in binary format are masked to a valid value, not NULL. */
  static boolean rewritable(int typeOid) {
    return BYTE_TYPES.contains(typeOid)
        || ARRAY_ELEMENTS.containsKey(typeOid)
        || switch (typeOid) {
          case BOOL, INT2, INT4, INT8, OID, FLOAT4, FLOAT8, JSONB -> true;
          default -> false;
        };
  }

  /**
   * Whether every value of a masked binary column of {@code typeOid} is sent as NULL: one a column
   * rule masks whole and no valid masked value exists for, or one that detectors would have to scan
   * but that is not decoded here.
   */
  static boolean alwaysWithheld(int typeOid, boolean whole) {
    if (rewritable(typeOid)) {
      return false;
    }
    return whole || !(typeOid == NUMERIC || typeOid == UUID_TYPE || TEMPORAL.contains(typeOid));
  }

  /**
   * The binary value of {@code column} as sent to the client: null when unchanged, {@link
   * DataRowRewriter#SQL_NULL} when withheld, else the masked value of the same type.
   */
  static byte[] mask(RowMasker masker, int column, int typeOid, ByteBuffer value) {
    boolean whole = masker.masksWhole(column);
    if (BYTE_TYPES.contains(typeOid)) {
      byte[] in = bytes(value);
      byte[] out = masker.maskValue(column, in);
      return out == in ? null : out;
    }
    if (typeOid == JSONB) {
      return jsonb(masker, column, value);
    }
    Integer element = ARRAY_ELEMENTS.get(typeOid);
    if (element != null) {
      return array(masker, column, element, value);
    }
    if (TEMPORAL.contains(typeOid)) {
      return whole ? DataRowRewriter.SQL_NULL : null;
    }
    String text = decode(typeOid, value);
    if (text == null) {
      return DataRowRewriter.SQL_NULL;
    }
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = masker.maskValue(column, in);
    if (out == in) {
      return null;
    }
    long n = inRange(typeOid, number(new String(out, StandardCharsets.UTF_8)));
    return switch (typeOid) {
      case BOOL -> new byte[] {0};
      case INT2 -> ByteBuffer.allocate(2).putShort((short) n).array();
      case INT4 -> ByteBuffer.allocate(4).putInt((int) n).array();
      case INT8 -> ByteBuffer.allocate(8).putLong(n).array();
      case OID -> ByteBuffer.allocate(4).putInt((int) n).array();
      case FLOAT4 -> ByteBuffer.allocate(4).putFloat(n).array();
      case FLOAT8 -> ByteBuffer.allocate(8).putDouble(n).array();
      default -> DataRowRewriter.SQL_NULL;
    };
  }

  // jsonb's binary form: the version byte, then the JSON text (masked like text, byte kept).
  private static byte[] jsonb(RowMasker masker, int column, ByteBuffer value) {
    if (!value.hasRemaining() || value.get(value.position()) != JSONB_VERSION) {
      return DataRowRewriter.SQL_NULL; // a format this gateway does not know: never passed masked
    }
    byte[] in = bytes(value.duplicate().position(value.position() + 1));
    byte[] out = masker.maskValue(column, in);
    if (out == in) {
      return null;
    }
    byte[] masked = new byte[out.length + 1];
    masked[0] = JSONB_VERSION;
    System.arraycopy(out, 0, masked, 1, out.length);
    return masked;
  }

  /**
   * An array in binary form (dimensions, a has-nulls flag, the element type, each dimension's size
   * and lower bound, then each element as a length, -1 for NULL, and its bytes), its elements
   * masked with {@code element}'s rule. A value that does not parse as such is sent as NULL.
   */
  private static byte[] array(RowMasker masker, int column, int element, ByteBuffer value) {
    ByteBuffer v = value.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN);
    if (v.remaining() < 12) {
      return DataRowRewriter.SQL_NULL;
    }
    int start = v.position();
    int dimensions = v.getInt();
    int flags = v.getInt();
    int elementType = v.getInt();
    if (dimensions < 0
        || dimensions > MAX_DIMENSIONS
        || (flags & ~1) != 0
        || elementType != element
        || v.remaining() < 8 * dimensions) {
      return DataRowRewriter.SQL_NULL;
    }
    long count = dimensions == 0 ? 0 : 1;
    for (int d = 0; d < dimensions; d++) {
      int size = v.getInt();
      v.getInt(); // lower bound
      count *= size;
      if (size < 0 || count > v.remaining() / 4) {
        return DataRowRewriter.SQL_NULL;
      }
    }
    int header = v.position() - start;
    byte[][] masked = new byte[(int) count][];
    int[] from = new int[(int) count];
    int[] length = new int[(int) count];
    boolean changed = false;
    for (int i = 0; i < count; i++) {
      if (v.remaining() < 4) {
        return DataRowRewriter.SQL_NULL;
      }
      length[i] = v.getInt();
      from[i] = v.position();
      if (length[i] == -1) {
        continue;
      }
      if (length[i] < 0 || length[i] > v.remaining()) {
        return DataRowRewriter.SQL_NULL;
      }
      masked[i] = mask(masker, column, element, v.slice(v.position(), length[i]));
      changed |= masked[i] != null;
      v.position(v.position() + length[i]);
    }
    if (v.hasRemaining()) {
      return DataRowRewriter.SQL_NULL; // bytes after the last element: not an array
    }
    if (!changed) {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(v.limit() - start + 16);
    ByteBuffer head = value.duplicate();
    byte[] headerBytes = new byte[header];
    head.get(headerBytes);
    boolean nulls = (flags & 1) != 0;
    for (byte[] m : masked) {
      nulls |= m == DataRowRewriter.SQL_NULL;
    }
    headerBytes[7] = (byte) (nulls ? 1 : 0); // the has-nulls flag (the low byte of the 2nd int)
    out.writeBytes(headerBytes);
    ByteBuffer source = value.duplicate();
    for (int i = 0; i < count; i++) {
      if (length[i] == -1 || masked[i] == DataRowRewriter.SQL_NULL) {
        out.writeBytes(new byte[] {-1, -1, -1, -1});
        continue;
      }
      byte[] bytes = masked[i];
      if (bytes == null) {
        bytes = new byte[length[i]];
        source.get(from[i], bytes);
      }
      out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  // The masked number, cut to what the type holds exactly.
  private static long inRange(int typeOid, long n) {
    return switch (typeOid) {
      case INT2 -> n % 32768;
      case INT4 -> n % 2147483648L;
      case OID -> n % 4294967296L;
      case FLOAT4 -> n % 10_000_000;
      case FLOAT8 -> n % 1_000_000_000_000_000L;
      default -> n;
    };
  }

  /**
   * A value masked as text in a text-format column, made a valid value of the column's type, so a
   * client that parses the column (a driver's {@code getLong}, {@code getDate}) still can: numbers
   * ({@code int2}, {@code int4}, {@code int8}, {@code oid}, the floats, {@code numeric}) become the
   * number the masked text leaves, as in binary format ({@code ************1111} is {@code 1111}, a
   * keyed hash a stable number, a redaction 0); {@code bool} becomes {@code f}; {@code uuid} and
   * dates and times, which have no masked form, NULL. Any other type keeps the masked text.
   *
   * @return {@code masked} itself for a type that keeps the text, {@link DataRowRewriter#SQL_NULL}
   *     for NULL, else the value's text
   */
  /** Whether {@link #typedText} returns a masked value of {@code typeOid} as it is. */
  static boolean keepsText(int typeOid) {
    if (NUMBER_ARRAYS.contains(typeOid)) {
      return false;
    }
    return switch (typeOid) {
      case BOOL, INT2, INT4, INT8, OID, FLOAT4, FLOAT8, NUMERIC, UUID_TYPE -> false;
      default -> !TEMPORAL.contains(typeOid);
    };
  }

  static byte[] typedText(int typeOid, byte[] masked) {
    if (NUMBER_ARRAYS.contains(typeOid)) {
      return numberArray(typeOid, new String(masked, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.US_ASCII);
    }
    if (typeOid == BOOL) {
      return new byte[] {'f'};
    }
    if (typeOid == UUID_TYPE || TEMPORAL.contains(typeOid)) {
      return DataRowRewriter.SQL_NULL;
    }
    String text = new String(masked, StandardCharsets.UTF_8);
    return switch (typeOid) {
      case INT2, INT4, INT8, OID ->
          Long.toString(inRange(typeOid, number(text))).getBytes(StandardCharsets.US_ASCII);
      case FLOAT4, FLOAT8, NUMERIC -> decimal(text, typeOid).getBytes(StandardCharsets.US_ASCII);
      default -> masked;
    };
  }

  // A masked array of numbers in text form ("{************1111,7}"): each element made the number
  // its masked text leaves, as a masked number column is; braces, commas and NULLs kept.
  private static String numberArray(int typeOid, String masked) {
    int element = ARRAY_ELEMENTS.get(typeOid);
    StringBuilder out = new StringBuilder(masked.length());
    int i = 0;
    while (i < masked.length()) {
      char c = masked.charAt(i);
      if (c == '{' || c == '}' || c == ',') {
        out.append(c);
        i++;
        continue;
      }
      int end = i;
      while (end < masked.length() && "{},".indexOf(masked.charAt(end)) < 0) {
        end++;
      }
      String item = masked.substring(i, end).strip();
      if (item.equalsIgnoreCase("NULL")) {
        out.append("NULL");
      } else if (element == NUMERIC || element == FLOAT4 || element == FLOAT8) {
        out.append(decimal(item, element));
      } else {
        out.append(inRange(element, number(item)));
      }
      i = end;
    }
    return out.toString();
  }

  // A masked decimal keeps what is left of its digits and point ("***4.50" is 4.50).
  private static String decimal(String masked, int typeOid) {
    if (masked.startsWith("h:")) {
      return Long.toString(inRange(typeOid, number(masked)));
    }
    StringBuilder kept = new StringBuilder();
    boolean point = false;
    for (int i = 0; i < masked.length(); i++) {
      char c = masked.charAt(i);
      if (c >= '0' && c <= '9') {
        kept.append(c);
      } else if (c == '.' && !point) {
        point = true;
        kept.append(c);
      }
    }
    if (kept.chars().noneMatch(Character::isDigit)) {
      return "0";
    }
    BigDecimal n = new BigDecimal(kept.charAt(0) == '.' ? "0" + kept : kept.toString());
    if (typeOid != NUMERIC) {
      n = n.remainder(BigDecimal.valueOf(typeOid == FLOAT4 ? 10_000_000 : 1_000_000_000_000_000L));
    }
    return n.toPlainString();
  }

  /** The text form of a binary value, or null for a type (or a value) not decoded here. */
  static String decode(int typeOid, ByteBuffer value) {
    ByteBuffer v = value.duplicate();
    int length = v.remaining();
    return switch (typeOid) {
      case BOOL -> length == 1 ? (v.get() != 0 ? "t" : "f") : null;
      case INT2 -> length == 2 ? Short.toString(v.getShort()) : null;
      case INT4 -> length == 4 ? Integer.toString(v.getInt()) : null;
      case INT8 -> length == 8 ? Long.toString(v.getLong()) : null;
      case OID -> length == 4 ? Integer.toUnsignedString(v.getInt()) : null;
      case FLOAT4 -> length == 4 ? plain(v.getFloat()) : null;
      case FLOAT8 -> length == 8 ? plain(v.getDouble()) : null;
      case UUID_TYPE -> length == 16 ? new UUID(v.getLong(), v.getLong()).toString() : null;
      case NUMERIC -> numeric(v);
      default -> null;
    };
  }

  /** The number a masked text leaves: its digits (the last 18), a hash's hex, or 0. */
  static long number(String masked) {
    if (masked.startsWith("h:")) {
      String hex = masked.substring(2, Math.min(masked.length(), 18));
      try {
        return Long.parseUnsignedLong(hex, 16) & Long.MAX_VALUE;
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < masked.length(); i++) {
      char c = masked.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    if (digits.isEmpty()) {
      return 0;
    }
    return Long.parseLong(digits.substring(Math.max(0, digits.length() - 18)));
  }

  private static String plain(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    return new BigDecimal(d).stripTrailingZeros().toPlainString();
  }

  // ndigits, weight, sign, dscale, then ndigits base-10000 digits.
  private static String numeric(ByteBuffer v) {
    if (v.remaining() < 8) {
      return null;
    }
    int ndigits = v.getShort();
    int weight = v.getShort();
    int sign = v.getShort() & 0xffff;
    int dscale = v.getShort();
    if (ndigits < 0 || dscale < 0 || v.remaining() != 2 * ndigits) {
      return null;
    }
    switch (sign) {
      case 0xC000:
        return "NaN";
      case 0xD000:
        return "Infinity";
      case 0xF000:
        return "-Infinity";
      case 0x0000, 0x4000:
        break;
      default:
        return null;
    }
    BigDecimal n = BigDecimal.ZERO;
    for (int i = 0; i < ndigits; i++) {
      n = n.add(BigDecimal.valueOf(v.getShort()).scaleByPowerOfTen(4 * (weight - i)));
    }
    n = n.setScale(dscale, java.math.RoundingMode.DOWN);
    return (sign == 0x4000 ? n.negate() : n).toPlainString();
  }

  private static byte[] bytes(ByteBuffer value) {
    byte[] copy = new byte[value.remaining()];
    value.duplicate().get(copy);
    return copy;
  }
}
