/**
 * Posting the notification outbox to webhooks: after the deciding transaction commits, on another
 * thread, with MicroProfile Fault Tolerance retries, timeout, bulkhead and circuit breaker, and a
 * sweeper that retries with backoff and picks up what a restart left behind.
 */
package io.gatehouse.control.infrastructure.notify;
