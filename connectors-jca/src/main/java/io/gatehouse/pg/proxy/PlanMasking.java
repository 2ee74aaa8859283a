package io.gatehouse.pg.proxy;

import io.gatehouse.masking.ColumnRef;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.RowMasker;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.DataRowRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A policy's masking plan applied to PostgreSQL results. Columns are known by name (a
 * RowDescription carries the table's OID, not its name, so table-qualified rules match a column of
 * any table: the plan errs towards masking). Binary-format values of text types are masked like
 * text; a binary value of any other type that a rule selects is refused, never leaked: it is
 * replaced by an empty value, which binary decoders reject.
 */
public final class PlanMasking implements ResultMasking {

  // text, varchar, bpchar, name, json, xml, citext-like unknown: all UTF-8 bytes in binary form.
  private static final Set<Integer> TEXT_TYPES = Set.of(25, 1043, 1042, 19, 114, 142, 705);
  private static final byte[] REFUSED = new byte[0];

  /**
   * Types whose values cannot hold text any detector looks for, so detectors skip them: bool, int2,
   * date, time, timestamp, timestamptz, interval, timetz, uuid. (int4, int8, numeric and the floats
   * can print ten or more digits, a phone or card number's shape: they are scanned.)
   */
  private static final Set<Integer> UNSCANNED_TYPES =
      Set.of(16, 21, 1082, 1083, 1114, 1184, 1186, 1266, 2950);

  private final MaskingPlan plan;

  public PlanMasking(MaskingPlan plan) {
    this.plan = plan;
  }

  @Override
  public DataRowRewriter forColumns(List<BackendMessage.Field> fields) {
    List<ColumnRef> columns = new ArrayList<>(fields.size());
    for (BackendMessage.Field field : fields) {
      columns.add(ColumnRef.of(field.name()));
    }
    boolean[] scannable = new boolean[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      scannable[i] = !UNSCANNED_TYPES.contains(fields.get(i).typeOid());
    }
    RowMasker masker = plan.forColumns(columns, scannable);
    if (!masker.touchesAnyColumn()) {
      return null;
    }
    int[] selected = new int[fields.size()];
    int count = 0;
    boolean[] refuse = new boolean[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      if (masker.touchesColumn(i)) {
        selected[count++] = i;
        BackendMessage.Field field = fields.get(i);
        refuse[i] = field.format() == 1 && !TEXT_TYPES.contains(field.typeOid());
      }
    }
    int[] columnsToMask = java.util.Arrays.copyOf(selected, count);
    return new DataRowRewriter(
        columnsToMask,
        (DataRowRewriter.RegionRewriter)
            (column, array, offset, length) ->
                refuse[column] ? REFUSED : masker.maskRegion(column, array, offset, length));
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
