/**
 * Identity: who a caller is. Token verification settings shared by every entry point, the data
 * plane's access-token verifier, and dev mode's local token authority.
 */
package io.gatehouse.control.identity;
