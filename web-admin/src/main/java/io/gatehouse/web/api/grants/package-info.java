/** The REST resource for just-in-time grants ({@code /api/v1/grants}). */
package io.gatehouse.web.api.grants;
