/** The Sessions pages: the searchable list of recorded sessions and one session's timeline. */
package io.gatehouse.web.admin.sessions;
