/**
 * Just-in-time grants: time-boxed access to a connection, requested with a reason, approved by
 * reviewers, active for a window that ends by itself (EJB timers) or by revocation.
 */
package io.gatehouse.control.domain.model.grant;
