/** The REST resource for the caller's SSH public keys ({@code /api/v1/identities/me/keys}). */
package io.gatehouse.web.api.identities;
