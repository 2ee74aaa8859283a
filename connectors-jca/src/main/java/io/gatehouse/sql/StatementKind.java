package io.gatehouse.sql;

/**
 * What a SQL statement does, the vocabulary of policy rules ({@code when.sql.kinds}). A statement
 * has a set of kinds: a data-modifying CTE is both {@link #SELECT} and {@link #DELETE}. See
 * docs/POLICY.md.
 */
public enum StatementKind {
  SELECT,
  INSERT,
  UPDATE,
  DELETE,
  MERGE,
  TRUNCATE,
  CREATE,
  ALTER,
  DROP,
  GRANT,
  REVOKE,
  COPY_FROM,
  COPY_TO,
  COPY_PROGRAM,
  CALL,
  DO,
  SET,
  SHOW,
  TRANSACTION,
  PREPARE,
  EXECUTE,
  DEALLOCATE,
  CURSOR,
  LISTEN,
  NOTIFY,
  LOCK,
  MAINTENANCE,
  ALTER_SYSTEM,
  ROLE,
  EXPLAIN,
  DISCARD,
  LOAD,
  COMMENT,
  OTHER,
  /** The classifier could not tell what the statement does: policies fail closed on it. */
  UNPARSEABLE
}
