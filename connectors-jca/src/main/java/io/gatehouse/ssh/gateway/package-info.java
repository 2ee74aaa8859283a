/**
 * The SSH data path's glue between the protocol code ({@code io.gatehouse.ssh.server}, {@code
 * io.gatehouse.ssh.relay}) and the control plane: authentication by access token into a session
 * plan kept on the MINA session, the plan's target and command rules, masking of terminal output,
 * recording of every channel with timing (for asciicast replay), and the session's end.
 */
package io.gatehouse.ssh.gateway;
