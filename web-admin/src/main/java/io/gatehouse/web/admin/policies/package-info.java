/**
 * The Policies pages: the list and the JSON editor, whose validation errors are shown next to the
 * document by JSON pointer, as the policy parser reports them (docs/POLICY.md).
 */
package io.gatehouse.web.admin.policies;
