/** {@code /api/v1/sessions}: recorded gateway sessions and their events, read-only. */
package io.gatehouse.web.api.sessions;
