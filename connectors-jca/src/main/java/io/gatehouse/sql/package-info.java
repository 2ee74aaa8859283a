/**
 * SQL understanding for policy: a PostgreSQL-aware lexer and statement splitter, a classifier that
 * tells what each statement does (its kinds, the relations and functions it touches), and statement
 * shapes (literals normalised away) for caching decisions.
 *
 * <p>The entry point is {@link io.gatehouse.sql.SqlClassifier#classify(String)}, one {@link
 * io.gatehouse.sql.StatementInfo} per statement, with a {@link
 * io.gatehouse.sql.ClassificationCache} keyed by shape. It fails closed: what it cannot understand
 * is {@link io.gatehouse.sql.StatementKind#UNPARSEABLE}, and a keyword that may run a command adds
 * its kind wherever it appears outside strings, comments and quoted identifiers. It assumes
 * standard_conforming_strings is on, as it is by default since PostgreSQL 9.1.
 */
package io.gatehouse.sql;
