/**
 * The control plane's domain model, one package per aggregate. Entities guard their own invariants
 * (constructors and behaviour methods refuse what would make them invalid); repositories are
 * interfaces here, implemented with JPA in {@code infrastructure.persistence}.
 */
package io.gatehouse.control.domain.model;
