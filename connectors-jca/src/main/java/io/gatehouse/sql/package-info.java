/**
 * SQL understanding for policy: a PostgreSQL-aware lexer and statement splitter, a classifier that
 * tells what each statement does (its kinds, the relations and functions it touches), and statement
 * shapes (literals normalised away) for caching decisions.
 */
package io.gatehouse.sql;
