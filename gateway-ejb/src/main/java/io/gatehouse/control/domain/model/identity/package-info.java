/** Public keys registered to identities, so SSH clients can log in to the gateway by key. */
package io.gatehouse.control.domain.model.identity;
