/**
 * Stateless session beans implementing the application interfaces: each call is one transaction, so
 * a request is applied whole or not at all.
 */
package io.gatehouse.control.application.internal;
