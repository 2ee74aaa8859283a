/** The reviewer inbox: pending reviews of held work and pending grant requests. */
package io.gatehouse.web.admin.reviews;
