/**
 * The resource adapter itself: lifecycle, listeners started on the container's work manager,
 * managed connection factories for the pooled target connections. Package-private implementations
 * behind the public {@code io.gatehouse.connector.api}.
 */
package io.gatehouse.connector.ra;
