/** {@code /api/v1/policies}: store, read and delete policy documents (docs/POLICY.md). */
package io.gatehouse.web.api.policies;
