/**
 * Several gateway servers on one PostgreSQL store: terminations fanned out with PostgreSQL's
 * LISTEN/NOTIFY on the channel {@code gatehouse_terminate}.
 */
package io.gatehouse.control.infrastructure.cluster;
