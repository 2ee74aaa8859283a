package io.gatehouse.pg.proxy;

import io.gatehouse.masking.ColumnRef;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.RowMasker;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.DataRowRewriter;
import java.nio.ByteBuffer;
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
    RowMasker masker = plan.forColumns(columns);
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
        (column, value) -> {
          if (refuse[column]) {
            return REFUSED;
          }
          byte[] in = bytes(value);
          byte[] out = masker.maskValue(column, in);
          return out == in ? null : out;
        });
  }

  @Override
  public String maskText(String text) {
    return plan.maskText(text);
  }

  @Override
  public boolean active() {
    return !plan.isEmpty();
  }

  private static byte[] bytes(ByteBuffer value) {
    byte[] copy = new byte[value.remaining()];
    value.duplicate().get(copy);
    return copy;
  }
}
