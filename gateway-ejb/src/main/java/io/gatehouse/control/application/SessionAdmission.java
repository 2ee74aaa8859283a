package io.gatehouse.control.application;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import java.util.List;

/** Lets data-plane sessions in, keeps their recordings, and closes them. */
public interface SessionAdmission {

  /** Who the caller is, whether they may use the connection now, and the plan to run it. */
  SessionPlan admit(AccessRequest request) throws AccessDeniedException;

  /** Stores events not stored before; returns how many were new. */
  int store(List<RecordedEvent> events);

  void close(SessionOutcome outcome);
}
