package io.gatehouse.pg.proxy;

import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.RowMasker;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.DataRowRewriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy's masking plan applied to PostgreSQL results. When a rule names columns, each result
 * column is resolved to the table column it comes from ({@link ResultColumns}), so {@code
 * customers.email} masks that column under any alias and no other table's {@code email}; a column
 * that is not straight from a table is matched by its label against any table. Text-format values
 * are masked as text, and a masked number, boolean, uuid or date is then made a valid value of its
 * type ({@link BinaryValues#typedText}); binary-format values as {@link BinaryValues} describes:
 * masked to a valid value of their type, or sent as NULL when the type cannot be rewritten, never
 * leaked.
 */
public final class PlanMasking implements ResultMasking {

  /**
   * Types whose values cannot hold text any detector looks for, so detectors skip them: bool, int2,
   * date, time, timestamp, timestamptz, interval, timetz, uuid. (int4, int8, numeric and the floats
   * can print ten or more digits, a phone or card number's shape: they are scanned.)
   */
  private static final java.util.Set<Integer> UNSCANNED_TYPES =
      java.util.Set.of(16, 21, 1082, 1083, 1114, 1184, 1186, 1266, 2950);

  private final MaskingPlan plan;
  private final boolean namesColumns;
  private final int shortestMatch;

  public PlanMasking(MaskingPlan plan) {
    this.plan = plan;
    this.namesColumns = plan.namesColumns();
    this.shortestMatch = plan.shortestMatch();
  }

  /**
   * The longest text form of a value of {@code typeOid} (in binary format, the text it is decoded
   * to): int2, int4 and oid print at most 6, 11 and 10 characters, so a card detector (13 digits at
   * least) need not scan them; unbounded for every other type.
   */
  static int maxTextLength(int typeOid) {
    return switch (typeOid) {
      case 21 -> 6; // int2: -32768
      case 23 -> 11; // int4: -2147483648
      case 26 -> 10; // oid: 4294967295
      default -> Integer.MAX_VALUE;
    };
  }

  @Override
  public DataRowRewriter forColumns(List<BackendMessage.Field> fields) {
    return forColumns(fields, ResultColumns.BY_NAME);
  }

  // Only rules that name columns need the tables; detector-only plans skip the lookup.
  private RowMasker masker(List<BackendMessage.Field> fields, ResultColumns columns) {
    boolean[] scannable = new boolean[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      int type = fields.get(i).typeOid();
      scannable[i] = !UNSCANNED_TYPES.contains(type) && maxTextLength(type) >= shortestMatch;
    }
    return plan.forColumns((namesColumns ? columns : ResultColumns.BY_NAME).of(fields), scannable);
  }

  @Override
  public DataRowRewriter forColumns(List<BackendMessage.Field> fields, ResultColumns columns) {
    RowMasker masker = masker(fields, columns);
    if (!masker.touchesAnyColumn()) {
      return null;
    }
    int[] selected = new int[fields.size()];
    int count = 0;
    // Per column, decided once per result: how a value is masked.
    int[] decodedType = new int[fields.size()]; // binary, decoded to text: its type; else -1
    int[] typedType = new int[fields.size()]; // text made valid for its type: the type; else -1
    for (int i = 0; i < fields.size(); i++) {
      decodedType[i] = -1;
      typedType[i] = -1;
      if (masker.touchesColumn(i)) {
        selected[count++] = i;
        BackendMessage.Field field = fields.get(i);
        int type = field.typeOid();
        if (field.format() == 1) {
          // text-like binary values are their bytes, masked as text
          decodedType[i] = BinaryValues.BYTE_TYPES.contains(type) ? -1 : type;
        } else if (!BinaryValues.keepsText(type)) {
          typedType[i] = type;
        }
      }
    }
    int[] columnsToMask = java.util.Arrays.copyOf(selected, count);
    return new DataRowRewriter(
        columnsToMask,
        (DataRowRewriter.RegionMasker)
            (column, array, offset, length, writable) -> {
              if (decodedType[column] != -1) {
                return BinaryValues.mask(
                    masker, column, decodedType[column], ByteBuffer.wrap(array, offset, length));
              }
              if (typedType[column] == -1) { // text kept as it is masked: in place if it can be
                byte[] out = masker.maskRegion(column, array, offset, length, writable);
                return out == RowMasker.IN_PLACE ? DataRowRewriter.IN_PLACE : out;
              }
              byte[] out = masker.maskRegion(column, array, offset, length);
              return out == null ? null : BinaryValues.typedText(typedType[column], out);
            });
  }

  @Override
  public String withheldNotice(List<BackendMessage.Field> fields, ResultColumns columns) {
    List<String> withheld = new ArrayList<>();
    RowMasker masker = null;
    for (int i = 0; i < fields.size(); i++) {
      BackendMessage.Field field = fields.get(i);
      if (field.format() == 1 && !BinaryValues.rewritable(field.typeOid())) {
        if (masker == null) {
          masker = masker(fields, columns);
        }
        if (masker.touchesColumn(i)
            && BinaryValues.alwaysWithheld(field.typeOid(), masker.masksWhole(i))) {
          withheld.add("\"" + field.name() + "\" (type OID " + field.typeOid() + ")");
        }
      }
    }
    if (withheld.isEmpty()) {
      return null;
    }
    return "Gatehouse: masked column"
        + (withheld.size() == 1 ? " " : "s ")
        + String.join(", ", withheld)
        + " requested in binary format cannot be masked in place and "
        + (withheld.size() == 1 ? "is" : "are")
        + " sent as NULL; request text format to see the masked values";
  }

  @Override
  public String copyColumnRule(String schema, String table, List<String> columns) {
    return namesColumns ? plan.wholeColumnRuleFor(schema, table, columns) : null;
  }

  @Override
  public String maskText(String text) {
    return plan.maskText(text);
  }

  @Override
  public boolean active() {
    return !plan.isEmpty();
  }
}
