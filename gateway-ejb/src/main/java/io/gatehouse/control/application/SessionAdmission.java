package io.gatehouse.control.application;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import java.util.List;

/** Lets data-plane sessions in, keeps their recordings, and closes them. */
public interface SessionAdmission {

  /** Who the caller is, whether they may use the connection now, and the plan to run it. */
  SessionPlan admit(AccessRequest request) throws AccessDeniedException;

  /**
   * Whether the connection's policy requires TLS, asked before the caller authenticates: false for
   * an unknown connection (or one of another protocol), which {@link #admit} refuses after the
   * token; true when its policy is missing, so no token crosses in clear where it cannot be read.
   */
  boolean requiresTls(Protocol protocol, String connection);

  /** Stores events not stored before; returns how many were new. */
  int store(List<RecordedEvent> events);

  void close(SessionOutcome outcome);
}
