/**
 * JPA (EclipseLink) implementations of the domain repositories, each with the named queries of its
 * entity. The schema is created and extended at startup (see META-INF/persistence.xml).
 */
package io.gatehouse.control.infrastructure.persistence;
