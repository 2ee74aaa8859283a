package io.gatehouse.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A policy's masking rules, compiled once and shared: immutable and thread-safe. Hands out the
 * per-result-set {@link RowMasker}s and per-channel {@link StreamingTextMasker}s, which are not.
 */
public final class MaskingPlan {
  private static final Logger LOG = Logger.getLogger(MaskingPlan.class.getName());
  private static final MaskingPlan EMPTY = new MaskingPlan(List.of(), null);

  private final List<CompiledRule> rules;
  private final ContentScanner textScanner;
  private final ValueMasker masker;

  private MaskingPlan(List<CompiledRule> rules, KeyedHasher hasher) {
    this.rules = rules;
    this.masker = new ValueMasker(hasher);
    this.textScanner = scannerOf(rules);
  }

  /**
   * @param hashKey the deployment's masking key; may be null only when no rule uses {@link
   *     MaskStrategy#HASH}
   */
  public static MaskingPlan compile(List<MaskingRule> rules, byte[] hashKey) {
    List<CompiledRule> compiled = new ArrayList<>();
    boolean hashes = false;
    for (MaskingRule rule : rules) {
      compiled.add(CompiledRule.of(rule));
      hashes |= rule.strategy() == MaskStrategy.HASH;
    }
    return new MaskingPlan(List.copyOf(compiled), hashes ? new KeyedHasher(hashKey) : null);
  }

  public static MaskingPlan empty() {
    return EMPTY;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * The fewest characters any detector rule can match (Integer.MAX_VALUE without detector rules): a
   * column whose values are never that long (an int4 printed in text is at most 11) need not be
   * scanned.
   */
  public int shortestMatch() {
    return textScanner.minLength();
  }

  /** Whether any rule names columns: then results' columns are worth resolving to their tables. */
  public boolean namesColumns() {
    return rules.stream().anyMatch(rule -> !rule.globs().isEmpty());
  }

  /**
   * The id of a rule that masks whole values of some column of {@code table} this output holds, or
   * null when none can: for output whose lines are masked by detectors only (PostgreSQL's COPY).
   * {@code table} null means output of unknown columns (a query), which any such rule may select;
   * {@code schema} null matches any schema; {@code columns} empty means every column of the table,
   * whose names are not known here, so any rule that may select a column of that table counts.
   */
  public String wholeColumnRuleFor(String schema, String table, List<String> columns) {
    for (CompiledRule rule : rules) {
      // a detector rule, even one restricted to columns, scans the lines anyway
      if (rule.detector() == null && mayMatch(rule.globs(), schema, table, columns)) {
        return rule.id();
      }
    }
    return null;
  }

  private static boolean mayMatch(
      List<ColumnGlob> globs, String schema, String table, List<String> columns) {
    if (table == null) {
      return true;
    }
    for (ColumnGlob glob : globs) {
      if (columns.isEmpty() && glob.mayMatchTable(schema, table)) {
        return true;
      }
      for (String column : columns) {
        if (glob.matches(
            new ColumnRef(Optional.ofNullable(schema), Optional.of(table), column, column))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The masker for a result set with these columns, in RowDescription order. */
  public RowMasker forColumns(List<ColumnRef> columns) {
    return forColumns(columns, null);
  }

  /**
   * As {@link #forColumns(List)}, with content detectors run only on the columns where {@code
   * scannable} is true (null: on all): a column whose type cannot hold text of any detector's shape
   * (a boolean, a date) is not scanned. Column rules apply whatever the type.
   */
  public RowMasker forColumns(List<ColumnRef> columns, boolean[] scannable) {
    MaskStrategy[] whole = new MaskStrategy[columns.size()];
    ContentScanner[] scanners = new ContentScanner[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      ColumnRef ref = columns.get(c);
      List<CompiledRule> detecting = new ArrayList<>();
      for (CompiledRule rule : rules) {
        if (rule.detector() == null && rule.appliesTo(ref) && whole[c] == null) {
          whole[c] = rule.strategy();
        } else if (rule.detector() != null && rule.appliesTo(ref)) {
          detecting.add(rule);
        }
      }
      if (whole[c] == null && !detecting.isEmpty() && (scannable == null || scannable[c])) {
        scanners[c] = detecting.size() == rules.size() ? textScanner : scannerOf(detecting);
      }
    }
    RowMasker row = new RowMasker(whole, scanners, textScanner, masker);
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("masking " + columns.size() + " columns: " + row.describe());
    }
    return row;
  }

  /**
   * {@code text} with every detector rule applied, column restrictions ignored: for error and
   * notice messages, COPY text lines and JSON string values. Returns {@code text} itself when
   * nothing matched.
   */
  public String maskText(String text) {
    return maskText(text, textScanner, new Spans(), masker);
  }

  /** A masker for one stream of terminal output, applying every detector rule. */
  public StreamingTextMasker newStreamingMasker() {
    return new StreamingTextMasker(textScanner, masker);
  }

  static String maskText(String text, ContentScanner scanner, Spans spans, ValueMasker masker) {
    if (text == null || scanner.isEmpty()) {
      return text;
    }
    long profile = TextProfile.of(text);
    if (!scanner.admits(profile)) {
      return text;
    }
    spans.clear();
    scanner.scan(text, profile, spans);
    return spans.size() == 0 ? text : masker.rewrite(text, spans);
  }

  private static ContentScanner scannerOf(List<CompiledRule> rules) {
    List<Detector> detectors = new ArrayList<>();
    List<MaskStrategy> strategies = new ArrayList<>();
    for (CompiledRule rule : rules) {
      if (rule.detector() != null) {
        detectors.add(rule.detector());
        strategies.add(rule.strategy());
      }
    }
    return detectors.isEmpty() ? ContentScanner.NONE : new ContentScanner(detectors, strategies);
  }

  /** A rule with its globs parsed; {@code detector} null for a whole-column rule. */
  private record CompiledRule(
      String id, List<ColumnGlob> globs, Detector detector, MaskStrategy strategy) {

    static CompiledRule of(MaskingRule rule) {
      List<ColumnGlob> globs = rule.columns().stream().map(ColumnGlob::parse).toList();
      Detector detector = rule.detector().map(Detectors::of).orElse(null);
      return new CompiledRule(rule.id(), globs, detector, rule.strategy());
    }

    boolean appliesTo(ColumnRef ref) {
      if (globs.isEmpty()) {
        return true;
      }
      for (ColumnGlob glob : globs) {
        if (glob.matches(ref)) {
          return true;
        }
      }
      return false;
    }
  }
}
