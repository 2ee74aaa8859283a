package io.gatehouse.control.domain.model.session;

/** The data path a session came through. */
public enum Protocol {
  POSTGRES,
  SSH,
  HTTP,
  KUBERNETES
}
