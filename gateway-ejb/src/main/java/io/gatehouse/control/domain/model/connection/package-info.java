/**
 * Connections: a registered target (PostgreSQL, SSH, HTTP, Kubernetes) with its coordinates, TLS
 * settings, the groups that may use it, the policy that applies, and the gateway-held credential
 * (sealed: only ciphertext is ever stored here).
 */
package io.gatehouse.control.domain.model.connection;
