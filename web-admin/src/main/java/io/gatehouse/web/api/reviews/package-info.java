/** The REST resource for reviews of held work ({@code /api/v1/reviews}). */
package io.gatehouse.web.api.reviews;
