package io.gatehouse.sql;

import static io.gatehouse.sql.Classified.kinds;
import static io.gatehouse.sql.Classified.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each statement has exactly the expected kinds: the positive cases of every rule. */
class StatementKindsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "SELECT abalance FROM pgbench_accounts WHERE aid = $1 | SELECT",
        "select * from t for update | SELECT",
        "select * from t for no key update of t nowait | SELECT",
        "values (1), (2) | SELECT",
        "table t | SELECT",
        "(select 1) union (select 2) | SELECT",
        "insert into t (a) values (1) | INSERT",
        "insert into t select * from u | INSERT SELECT",
        "insert into t values (1) on conflict (a) do update set a = excluded.a | INSERT UPDATE",
        "insert into t values (1) on conflict do nothing | INSERT",
        "update t set a = 1 where id = 2 | UPDATE",
        "delete from t where id = 1 | DELETE",
        "merge into t using s on t.id = s.id when matched then do nothing | MERGE",
        "truncate table t | TRUNCATE",
        // data-modifying CTEs
        "with d as (delete from t returning *) select * from d | SELECT DELETE",
        "with u as (update t set a = 1 returning *) insert into l select * from u "
            + "| SELECT UPDATE INSERT",
        "with x as (select 1) select * from x | SELECT",
        // EXPLAIN: ANALYZE runs the statement
        "explain analyze delete from t | DELETE",
        "explain analyse verbose update t set a = 1 | UPDATE",
        "explain (analyze, buffers) insert into t values (1) | INSERT",
        "explain (analyze true) delete from t | DELETE",
        "explain (analyze 1) delete from t | DELETE",
        "explain (analyze 'off') delete from t | DELETE", // a literal: conservatively analysed
        "explain delete from t | EXPLAIN",
        "explain (analyze false) delete from t | EXPLAIN",
        "explain (analyze off, costs off) delete from t | EXPLAIN",
        "explain verbose select * from t | EXPLAIN",
        "explain analyze select 1 | SELECT",
        // procedural and COPY
        "do $$ begin delete from t; end $$ | DO",
        "do language plpgsql $x$ begin null; end $x$ | DO",
        "call p(1) | CALL",
        "copy t to stdout | COPY_TO",
        "copy (select * from t) to stdout with (format csv) | COPY_TO SELECT",
        "copy t (a, b) from stdin | COPY_FROM",
        "copy t from program 'curl x' | COPY_FROM COPY_PROGRAM",
        "copy t to program 'gzip > /tmp/x' | COPY_TO COPY_PROGRAM",
        "copy (delete from t returning *) to stdout | COPY_TO DELETE",
        // server and roles
        "alter system set work_mem = '1GB' | ALTER_SYSTEM",
        "alter system reset all | ALTER_SYSTEM",
        "create role bob login | ROLE",
        "create user bob | ROLE",
        "alter role bob superuser | ROLE",
        "alter user bob with password 'x' | ROLE",
        "drop role if exists bob | ROLE",
        "drop group g | ROLE",
        "create group g | ROLE",
        "set role admin | SET ROLE",
        "set local role admin | SET ROLE",
        "set session authorization bob | SET ROLE",
        "reset role | SET ROLE",
        "create user mapping for bob server s | CREATE ROLE",
        // maintenance
        "vacuum full t | MAINTENANCE",
        "vacuum (verbose, analyze) t | MAINTENANCE",
        "analyze t | MAINTENANCE",
        "cluster t using i | MAINTENANCE",
        "reindex table t | MAINTENANCE",
        "refresh materialized view v | MAINTENANCE",
        "checkpoint | MAINTENANCE",
        // transactions
        "begin | TRANSACTION",
        "begin isolation level serializable | TRANSACTION",
        "start transaction read only | TRANSACTION",
        "commit | TRANSACTION",
        "end | TRANSACTION",
        "rollback to savepoint s | TRANSACTION",
        "savepoint s | TRANSACTION",
        "release savepoint s | TRANSACTION",
        "abort | TRANSACTION",
        "prepare transaction 'tx1' | TRANSACTION",
        "commit prepared 'tx1' | TRANSACTION",
        "rollback prepared 'tx1' | TRANSACTION",
        "set transaction isolation level serializable | SET TRANSACTION",
        // cursors and prepared statements
        "declare c cursor for select * from t | CURSOR SELECT",
        "declare c scroll cursor with hold for values (1) | CURSOR SELECT",
        "fetch next from c | CURSOR",
        "move forward 5 in c | CURSOR",
        "close c | CURSOR",
        "prepare p (int) as delete from t where id = $1 | PREPARE DELETE",
        "prepare p as select 1 | PREPARE SELECT",
        "execute p (1) | EXECUTE",
        "deallocate all | DEALLOCATE",
        // creating from queries
        "create table x as select * from y | CREATE SELECT",
        "create materialized view v as select * from t | CREATE SELECT",
        "select * into t2 from t | SELECT CREATE",
        "create table t as execute p | CREATE EXECUTE",
        "create table t as execute function (1) | CREATE EXECUTE", // a statement named function
        // DDL and DCL
        "create table t (a int) | CREATE",
        "create index on t (a) | CREATE",
        "create or replace function f() returns int as $$ delete from t $$ language sql | CREATE",
        "alter table t add column b int | ALTER",
        "alter table t drop column b | ALTER DROP", // dropping a column destroys data
        "drop table t | DROP",
        "drop index if exists i | DROP",
        "grant select, update on t to bob | GRANT",
        "grant select on t to bob with grant option | GRANT",
        "revoke delete on t from bob | REVOKE",
        "revoke grant option for update on t from bob | REVOKE",
        "alter default privileges grant insert on tables to bob | ALTER GRANT",
        "create table t (a int references u on delete cascade on update set null) | CREATE",
        "create trigger tr before insert or update or delete on t "
            + "for each row execute function f() | CREATE",
        "create policy p on t for delete using (true) | CREATE",
        "create temp table t (a int) on commit drop | CREATE",
        // the rest of the vocabulary
        "lock table t in access exclusive mode | LOCK",
        "listen ch | LISTEN",
        "unlisten * | LISTEN",
        "notify ch, 'x' | NOTIFY",
        "discard all | DISCARD",
        "load 'auto_explain' | LOAD",
        "comment on table t is 'x' | COMMENT",
        "show work_mem | SHOW",
        "set work_mem = '64MB' | SET",
        "reset work_mem | SET",
      })
  void classifies(String sql, String expected) {
    assertEquals(kinds(expected), one(sql).kinds(), sql);
  }

  @ParameterizedTest(name = "{0} is not {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "select * from t for update | UPDATE",
        "select 'drop table t' | DROP",
        "select $$ delete from t $$ | DELETE",
        "select \"delete\" from t | DELETE",
        "select 1 -- delete from t | DELETE",
        "select /* drop table t */ 1 | DROP",
        "explain delete from t | DELETE",
        "grant update on t to bob | UPDATE",
        "create table t (a int references u on delete cascade) | DELETE",
        "insert into t values (1) on conflict do nothing | UPDATE",
        "insert into t values (1) on conflict do nothing | DO",
        "create trigger tr after update on t execute procedure f() | EXECUTE",
        "select * from t | UNPARSEABLE",
        "drop role bob | DROP",
        "create temp table t (a int) on commit drop | DROP",
      })
  void doesNotOverClassifyWhatOnlyNamesACommand(String sql, StatementKind absent) {
    assertFalse(one(sql).kinds().contains(absent), () -> sql + " -> " + one(sql).kinds());
  }
}
