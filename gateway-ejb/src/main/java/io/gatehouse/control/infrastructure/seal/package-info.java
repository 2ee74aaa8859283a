/**
 * Session seals: the key that signs a closed session's chain head ({@link
 * io.gatehouse.control.infrastructure.seal.SealKeys}), from configuration or, in dev mode,
 * generated into the dev directory, and the older public keys that keep earlier seals verifiable
 * after a rotation.
 */
package io.gatehouse.control.infrastructure.seal;
