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
 *   <li>any other type (arrays, composites, ...): cannot be rewritten safely, sent as NULL.
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

  private BinaryValues() {}

  /** Whether values of {@code typeOid} in binary format are masked to a valid value, not NULL. */
  static boolean rewritable(int typeOid) {
    return BYTE_TYPES.contains(typeOid)
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
    return switch (typeOid) {
      case BOOL, INT2, INT4, INT8, OID, FLOAT4, FLOAT8, NUMERIC, UUID_TYPE -> false;
      default -> !TEMPORAL.contains(typeOid);
    };
  }

  static byte[] typedText(int typeOid, byte[] masked) {
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
