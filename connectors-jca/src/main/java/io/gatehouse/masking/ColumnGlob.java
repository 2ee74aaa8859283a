package io.gatehouse.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * A column glob of a masking rule: {@code column}, {@code table.column} or {@code
 * schema.table.column}, each part with {@code *} and {@code ?} wildcards. Unquoted parts match
 * case-insensitively; a {@code "Quoted"} part matches exactly and has no wildcards.
 *
 * <p>A qualified glob ({@code table.column}) matches the column a result value comes from, whatever
 * the result calls it; a bare {@code column} glob matches either that column or the result's label
 * for it. Fail-safe choices: a column whose table is unknown (an expression, or a table not
 * resolved) matches any table and schema part by its label, and a schema part matches any schema
 * when the schema is unknown, so a glob never misses a column it might mean.
 */
final class ColumnGlob {
  private final Part schema;
  private final Part table;
  private final Part column;

  private ColumnGlob(Part schema, Part table, Part column) {
    this.schema = schema;
    this.table = table;
    this.column = column;
  }

  static ColumnGlob parse(String glob) {
    List<Part> parts = split(glob);
    if (parts.isEmpty() || parts.size() > 3) {
      throw new IllegalArgumentException("bad column glob: " + glob);
    }
    Part column = parts.get(parts.size() - 1);
    Part table = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
    Part schema = parts.size() == 3 ? parts.get(0) : null;
    return new ColumnGlob(schema, table, column);
  }

  boolean matches(ColumnRef ref) {
    if (table == null) {
      return column.matches(ref.column()) || column.matches(ref.label());
    }
    if (!column.matches(ref.column())) {
      return false;
    }
    if (ref.table().isEmpty()) {
      return true;
    }
    return table.matches(ref.table().get())
        && (schema == null || ref.schema().isEmpty() || schema.matches(ref.schema().get()));
  }

  /**
   * Whether this glob may match some column of {@code table} (in {@code schema}, or any schema when
   * null) whose names are not known: a bare column glob may, a qualified one when its table part
   * matches.
   */
  boolean mayMatchTable(String schema, String table) {
    if (this.table == null) {
      return true;
    }
    return this.table.matches(table)
        && (this.schema == null || schema == null || this.schema.matches(schema));
  }

  private static List<Part> split(String glob) {
    List<Part> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < glob.length() && glob.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else {
          quoted = !quoted;
          wasQuoted = true;
        }
      } else if (c == '.' && !quoted) {
        parts.add(Part.of(current.toString(), wasQuoted, glob));
        current.setLength(0);
        wasQuoted = false;
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote in column glob: " + glob);
    }
    parts.add(Part.of(current.toString(), wasQuoted, glob));
    return parts;
  }

  private record Part(String pattern, boolean exact) {

    static Part of(String pattern, boolean exact, String glob) {
      if (pattern.isEmpty()) {
        throw new IllegalArgumentException("empty part in column glob: " + glob);
      }
      return new Part(pattern, exact);
    }

    boolean matches(String name) {
      return exact ? pattern.equals(name) : wildcard(pattern, 0, name, 0);
    }

    private static boolean wildcard(String p, int pi, String s, int si) {
      while (pi < p.length()) {
        char c = p.charAt(pi);
        if (c == '*') {
          for (int k = si; k <= s.length(); k++) {
            if (wildcard(p, pi + 1, s, k)) {
              return true;
            }
          }
          return false;
        }
        if (si >= s.length() || (c != '?' && !sameIgnoringCase(c, s.charAt(si)))) {
          return false;
        }
        pi++;
        si++;
      }
      return si == s.length();
    }

    private static boolean sameIgnoringCase(char a, char b) {
      return a == b || Character.toLowerCase(a) == Character.toLowerCase(b);
    }
  }
}
