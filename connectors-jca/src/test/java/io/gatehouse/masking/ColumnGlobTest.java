package io.gatehouse.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnGlobTest {

  /** glob, table ('-' for unknown), column, whether it matches. */
  @ParameterizedTest(name = "{0} on {1}.{2} -> {3}")
  @CsvSource({
    "*.email, customers, email, true",
    "*.email, orders, email, true",
    "*.email, -, email, true",
    "*.email, customers, email2, false",
    "customers.email, customers, email, true",
    "customers.email, CUSTOMERS, EMAIL, true",
    "customers.email, orders, email, false",
    "customers.email, -, email, true",
    "email, anything, email, true",
    "email, -, Email, true",
    "email, users, email_address, false",
    "*_email, users, work_email, true",
    "card_?, t, card_1, true",
    "card_?, t, card_12, false",
    "public.customers.email, customers, email, true",
    "public.customers.email, orders, email, false",
    "'\"Email\"', t, Email, true",
    "'\"Email\"', t, email, false",
    "'\"My.Table\".email', My.Table, email, true",
    "'\"My.Table\".email', my.table, email, false"
  })
  void matches(String glob, String table, String column, boolean expected) {
    ColumnRef ref =
        new ColumnRef(table.equals("-") ? Optional.empty() : Optional.of(table), column);
    assertEquals(expected, ColumnGlob.parse(glob).matches(ref), glob + " on " + ref);
  }

  /** glob, schema, table, column (the table's), label (the result's), whether it matches. */
  @ParameterizedTest(name = "{0} on {1}.{2}.{3} as {4} -> {5}")
  @CsvSource({
    "customers.email, public, customers, email, e, true",
    "customers.email, public, customers, name, email, false",
    "customers.email, public, orders, email, email, false",
    "email, public, customers, email, e, true",
    "email, public, customers, name, email, true",
    "public.customers.email, public, customers, email, e, true",
    "public.customers.email, audit, customers, email, e, false",
    "*.customers.email, audit, customers, email, e, true"
  })
  void matchesResolvedColumns(
      String glob, String schema, String table, String column, String label, boolean expected) {
    ColumnRef ref = ColumnRef.resolved(schema, table, column, label);
    assertEquals(expected, ColumnGlob.parse(glob).matches(ref), glob + " on " + ref);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a..b", "a.b.c.d", "\"open", "."})
  void rejectsMalformedGlobs(String glob) {
    assertThrows(IllegalArgumentException.class, () -> ColumnGlob.parse(glob), "glob " + glob);
  }
}
