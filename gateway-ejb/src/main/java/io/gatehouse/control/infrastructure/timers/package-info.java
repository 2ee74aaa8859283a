/** EJB timers: the persistent timers that end just-in-time grants. */
package io.gatehouse.control.infrastructure.timers;
