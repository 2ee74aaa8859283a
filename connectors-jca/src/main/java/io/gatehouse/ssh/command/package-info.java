/**
 * Shell-aware command analysis for SSH policy: a POSIX sh parser that splits a command line into
 * the simple commands it would run (across operators, subshells, groups, substitutions, {@code sh
 * -c} payloads and wrappers such as {@code sudo} or {@code env}), flags what cannot be resolved
 * statically, detects decoding pipes, and matches the result against a policy's {@code
 * when.command} criteria. Nothing here executes or expands anything: words that depend on run-time
 * state are reported as dynamic so callers can fail closed.
 */
package io.gatehouse.ssh.command;
