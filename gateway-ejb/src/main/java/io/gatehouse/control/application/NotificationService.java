package io.gatehouse.control.application;

import java.util.List;

/** The webhook outbox, for operators: what was sent, what is waiting, what was given up. */
public interface NotificationService {

  /**
   * The newest notifications, or those about one review or grant ({@code subject}); admins and
   * auditors only.
   */
  List<NotificationView> list(Caller caller, String subject);
}
