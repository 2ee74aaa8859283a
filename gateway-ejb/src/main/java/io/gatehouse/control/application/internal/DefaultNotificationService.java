package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.NotificationService;
import io.gatehouse.control.application.NotificationView;
import io.gatehouse.control.domain.model.notification.Notification;
import io.gatehouse.control.domain.model.notification.NotificationRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Locale;

@Stateless
public class DefaultNotificationService implements NotificationService {

  static final int RECENT = 200;

  @Inject NotificationRepository outbox;

  @Override
  public List<NotificationView> list(Caller caller, String subject) {
    if (!caller.admin() && !caller.groups().contains(Caller.AUDITOR)) {
      throw new ActionForbiddenException(
          "reading notifications needs " + Caller.ADMIN + " or " + Caller.AUDITOR);
    }
    List<Notification> found =
        subject == null || subject.isBlank() ? outbox.recent(RECENT) : outbox.bySubject(subject);
    return found.stream().map(DefaultNotificationService::view).toList();
  }

  static NotificationView view(Notification n) {
    return new NotificationView(
        n.id(),
        n.event(),
        n.subjectId(),
        n.status().name().toLowerCase(Locale.ROOT),
        n.attempts(),
        n.createdAt(),
        n.nextAttemptAt(),
        n.sentAt(),
        n.lastError(),
        URI.create(n.webhookUrl()).getHost());
  }
}
