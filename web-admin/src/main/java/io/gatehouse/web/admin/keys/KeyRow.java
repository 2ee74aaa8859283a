package io.gatehouse.web.admin.keys;

import io.gatehouse.control.application.IdentityKeyView;
import io.gatehouse.web.admin.Times;
import java.io.Serializable;

/** One registered SSH key as the keys page shows it. */
public record KeyRow(
    String identity,
    String fingerprint,
    String type,
    String comment,
    String groups,
    String registeredAt,
    String expiresAt,
    String status)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static KeyRow of(IdentityKeyView k) {
    String[] parts = k.publicKey().split("\\s+", 3);
    return new KeyRow(
        k.identity(),
        k.fingerprint(),
        k.type() + " " + k.bits(),
        parts.length > 2 ? parts[2] : "",
        String.join(", ", k.groups().stream().sorted().toList()),
        Times.format(k.createdAt()),
        Times.format(k.expiresAt()),
        k.expired() ? "expired" : "active");
  }
}
