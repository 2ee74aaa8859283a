/**
 * The Connections pages: the list (a credential shows only as "set") and the create/edit form,
 * whose secret fields are write-only and whose errors come from the same checks as the API's.
 */
package io.gatehouse.web.admin.connections;
