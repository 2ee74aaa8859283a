/** Just-in-time grants with their time left. */
package io.gatehouse.web.admin.grants;
