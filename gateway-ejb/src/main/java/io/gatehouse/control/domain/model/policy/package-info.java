/**
 * Stored policies: the canonical JSON of a validated {@code io.gatehouse.policy.Policy}, under its
 * name, versioned so concurrent edits do not overwrite each other.
 */
package io.gatehouse.control.domain.model.policy;
