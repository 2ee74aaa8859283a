/**
 * {@code /api/v1/connections}: register, read, replace and delete connections. Request bodies are
 * read field by field so every problem is reported at once; responses never carry a secret.
 */
package io.gatehouse.web.api.connections;
