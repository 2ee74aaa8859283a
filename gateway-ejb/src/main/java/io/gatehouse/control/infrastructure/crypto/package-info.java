/**
 * Encryption of stored target credentials: AES-256-GCM, a random 96-bit nonce per encryption, the
 * key id kept with the ciphertext, and the connection name bound in as associated data (a blob
 * copied to another connection does not open). Keys come from MicroProfile Config, with previous
 * keys kept for rotation; dev mode generates its own.
 */
package io.gatehouse.control.infrastructure.crypto;
