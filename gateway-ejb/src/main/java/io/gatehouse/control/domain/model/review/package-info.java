/**
 * Reviews: work held by a policy rule until enough reviewers approve it, or one rejects it, or it
 * times out. The requester never approves their own review.
 */
package io.gatehouse.control.domain.model.review;
