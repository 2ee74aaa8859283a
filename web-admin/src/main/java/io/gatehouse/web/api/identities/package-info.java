/**
 * The REST resource for SSH public keys: the caller's own ({@code /api/v1/identities/me/keys}) and
 * everyone's, for administrators and auditors ({@code /api/v1/identities/keys}).
 */
package io.gatehouse.web.api.identities;
