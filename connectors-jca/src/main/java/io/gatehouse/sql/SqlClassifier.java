package io.gatehouse.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tells what each statement of a SQL text does, for policy: its kinds, the relations and functions
 * it touches, whether it writes without a WHERE. It fails closed: text it cannot fully understand
 * is {@link StatementKind#UNPARSEABLE} (plus any effect still visible), never a harmless kind.
 * Thread-safe.
 */
public final class SqlClassifier {
  private final ClassificationCache cache;

  /** A classifier with a cache of {@link ClassificationCache#DEFAULT_MAX_ENTRIES} shapes. */
  public SqlClassifier() {
    this(new ClassificationCache());
  }

  public SqlClassifier(ClassificationCache cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** One {@link StatementInfo} per statement, in order; empty statements are dropped. */
  public List<StatementInfo> classify(String sql) {
    Objects.requireNonNull(sql, "sql");
    List<StatementInfo> statements = new ArrayList<>();
    for (StatementSlice slice : StatementSplitter.split(SqlLexer.lex(sql))) {
      String shape = StatementShape.of(slice);
      Classification classification =
          slice.complete() ? cache.get(shape, ShapeClassifier::classify) : unterminated(slice);
      statements.add(StatementInfo.of(sql, slice, shape, classification));
    }
    return List.copyOf(statements);
  }

  /** The server rejects such text, but no tolerant reading of it may pass a policy either. */
  private static Classification unterminated(StatementSlice slice) {
    StatementTokens tokens = new StatementTokens(slice.tokens());
    return Classification.unparseable(EffectKeywords.scan(tokens, 0), UnboundedWrites.any(tokens));
  }
}
