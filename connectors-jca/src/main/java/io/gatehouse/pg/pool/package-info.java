/**
 * Pooled, already-authenticated PostgreSQL backend connections as JCA managed connections:
 * Liberty's connection manager pools them (sizes and timeouts in server.xml); a connection is
 * matched on its target and credential version, reset with {@code DISCARD ALL} before reuse, and
 * evicted when broken.
 */
package io.gatehouse.pg.pool;
