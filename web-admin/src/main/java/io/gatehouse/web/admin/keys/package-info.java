/** Every identity's registered SSH public keys; administrators delete them. */
package io.gatehouse.web.admin.keys;
