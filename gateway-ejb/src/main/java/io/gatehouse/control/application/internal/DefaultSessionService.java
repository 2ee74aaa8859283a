package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.SealView;
import io.gatehouse.control.application.SessionEventView;
import io.gatehouse.control.application.SessionService;
import io.gatehouse.control.application.SessionView;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

@Stateless
public class DefaultSessionService implements SessionService {

  @Inject SessionRepository sessions;

  @Override
  public List<SessionView> list(
      String identity, String connection, String status, int offset, int limit) {
    return sessions.search(identity, connection, status(status), offset, limit).stream()
        .map(DefaultSessionService::view)
        .toList();
  }

  @Override
  public SessionView get(String id) {
    return view(require(id));
  }

  @Override
  public List<SessionEventView> events(String id, long after, int limit) {
    require(id);
    return sessions.events(id, after, limit).stream().map(DefaultSessionService::view).toList();
  }

  private GatewaySession require(String id) {
    return sessions
        .find(id)
        .orElseThrow(() -> new ResourceNotFoundException("No session with id '" + id + "'"));
  }

  private static SessionStatus status(String status) {
    if (status == null) {
      return null;
    }
    return Arrays.stream(SessionStatus.values())
        .filter(s -> s.name().equalsIgnoreCase(status))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "Unknown status",
                    "status",
                    "unknown status '"
                        + status
                        + "'; allowed: "
                        + Arrays.stream(SessionStatus.values())
                            .map(s -> s.name().toLowerCase(Locale.ROOT))
                            .toList()));
  }

  private static SessionView view(GatewaySession s) {
    return new SessionView(
        s.id(),
        s.identity(),
        s.groups().stream().sorted().toList(),
        s.connectionName(),
        s.protocol().name().toLowerCase(Locale.ROOT),
        s.clientAddress(),
        s.keyFingerprint().orElse(null),
        s.startedAt(),
        s.endedAt(),
        s.status().name().toLowerCase(Locale.ROOT),
        s.endReason(),
        s.statementCount(),
        s.blockedCount(),
        s.reviewedCount(),
        s.seal()
            .map(
                seal ->
                    new SealView(
                        seal.algorithm(),
                        seal.keyId(),
                        seal.signature(),
                        seal.sealedAt(),
                        seal.eventCount(),
                        seal.headHash()))
            .orElse(null));
  }

  private static SessionEventView view(SessionEvent e) {
    return new SessionEventView(
        e.sequence(),
        e.occurredAt(),
        e.type(),
        e.decision(),
        e.ruleId(),
        e.payload(),
        e.previousHash(),
        e.hash());
  }
}
