/**
 * The control plane's use cases, as interfaces the web module calls: configure connections and
 * policies, read sessions, rotate credential keys. They take and return plain records (never
 * entities); {@code internal} holds the transactional {@code Default…} implementations.
 */
package io.gatehouse.control.application;
