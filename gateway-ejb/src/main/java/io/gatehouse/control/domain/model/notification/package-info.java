/**
 * The notification outbox: one row per webhook post, written in the transaction that made the
 * decision, posted after it commits.
 */
package io.gatehouse.control.domain.model.notification;
