package io.gatehouse.connector.api;

/** The data paths, and the connection types that use them. */
public enum Protocol {
  POSTGRES,
  SSH,
  HTTP,
  KUBERNETES
}
