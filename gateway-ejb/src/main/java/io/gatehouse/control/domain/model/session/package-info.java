/**
 * Gateway sessions and their recorded events: who used which connection, over which protocol, when,
 * and everything that happened in it in order. The data path writes them; the API reads.
 */
package io.gatehouse.control.domain.model.session;
