package io.gatehouse.sql;

import static io.gatehouse.sql.Classified.names;
import static io.gatehouse.sql.Classified.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectsFunctionsAndWritesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "select * from Accounts | accounts",
        "select * from Public.Accounts a join billing.\"Invoices\" i on a.id = i.a "
            + "| public.accounts billing.Invoices",
        "select * from a x, b as y, c | a b c",
        "select * from \"MyTable\" | MyTable",
        "insert into s.t (a, b) values (1, 2) | s.t",
        "update only t set a = 1 | t",
        "delete from t using u where t.id = u.id | t u",
        "merge into t using s on t.id = s.id when matched then update set a = 1 | t s",
        "truncate a, b | a b",
        "drop table if exists a, b cascade | a b",
        "alter table if exists only t add column c int | t",
        "create table t (a int references u) | t u",
        "copy t from stdin | t",
        "lock table t | t",
        "grant select on t to bob | t",
        "create index i on t (a) | t",
        "select * from t where id in (select id from u where x in (select x from v)) | t u v",
        "select extract(year from ts) from t | t",
        "select * into t2 from t | t2 t",
        "vacuum full analyze a, s.b | a s.b",
        "vacuum (verbose, analyze) t | t",
        "analyze t | t",
        "cluster verbose t | t",
        "reindex table t | t",
        "refresh materialized view concurrently s.v | s.v",
      })
  void findsRelations(String sql, String expected) {
    assertTrue(
        one(sql).objects().containsAll(names(expected)), () -> sql + " -> " + one(sql).objects());
  }

  @ParameterizedTest(name = "{0} does not touch {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "select extract(year from ts) from t | ts",
        "select * from generate_series(1, 3) | generate_series",
        "copy t from stdin | stdin",
        "refresh materialized view concurrently v | concurrently",
        "select * from a join b on a.id = b.id | a.id",
        "select 'from secret' from t | secret",
      })
  void doesNotMistakeOtherNamesForRelations(String sql, String notARelation) {
    assertFalse(one(sql).objects().contains(notARelation), () -> "" + one(sql).objects());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "SELECT pg_read_file('x') | pg_read_file",
        "SELECT * FROM dblink('conn', 'select 1') AS t(a int) | dblink",
        "select pg_terminate_backend(pid) from pg_stat_activity | pg_terminate_backend",
        "select lo_import('/etc/passwd') | lo_import",
        "select pg_catalog.pg_read_file('x') | pg_read_file pg_catalog.pg_read_file",
        "select \"pg_read_file\"('x') | pg_read_file",
        "select PG_READ_FILE /* hidden */ ('x') | pg_read_file",
        "select * from t where a = (select max(pg_read_file('x')) from u) | max pg_read_file",
        "with c as (select dblink_exec('x', 'y')) select * from c | dblink_exec",
        "select coalesce(upper(lower(a)), 'x') from t | coalesce upper lower",
        "insert into t values (pg_read_binary_file('x')) | pg_read_binary_file",
        "update t set a = lo_export(1, '/tmp/x') where id = 1 | lo_export",
        "explain select pg_sleep(10) | pg_sleep",
        "do $$ begin perform 1; end $$ | ",
      })
  void findsFunctionCallsAnywhere(String sql, String expected) {
    assertTrue(
        one(sql).functions().containsAll(names(expected)),
        () -> sql + " -> " + one(sql).functions());
  }

  @ParameterizedTest(name = "{0} calls no {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "insert into t (a) values (1) | t",
        "select 'pg_read_file(1)' | pg_read_file",
        "select * from t where a in (1, 2) | in",
        "create table t (a varchar(10), b numeric(10, 2)) | varchar",
        "execute p(1) | p",
        "select exists (select 1) | exists",
      })
  void doesNotMistakeOtherParenthesesForCalls(String sql, String notAFunction) {
    assertFalse(one(sql).functions().contains(notAFunction), () -> "" + one(sql).functions());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "update t set a = 1 | true",
        "delete from t | true",
        "DELETE FROM t -- where id = 1 | true",
        "delete from t where id = 1 | false",
        "update t set a = 1 where current of c | false",
        "update t set a = (select b from u where u.id = 1) | true",
        "delete from t where id in (select id from u) | false",
        "with d as (delete from t returning *) select * from d where x = 1 | true",
        "with d as (delete from t where a = 1 returning *) select * from d | false",
        "explain analyze update t set a = 1 | true",
        "prepare p as delete from t | true",
        "select * from t for update | false",
        "insert into t values (1) on conflict (a) do update set a = 1 | false",
        "merge into t using s on t.id = s.id when matched then delete | false",
        "grant update, delete on t to bob | false",
        "select 'delete from t' | false",
        "select * from t | false",
      })
  void findsWritesWithoutWhere(String sql, boolean expected) {
    assertEquals(expected, one(sql).writesWithoutWhere(), sql);
  }
}
