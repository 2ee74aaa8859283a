/** {@code /api/v1/admin}: operations on the gateway itself, such as credential key rotation. */
package io.gatehouse.web.api.admin;
