package io.gatehouse.masking;

import java.util.Locale;
import java.util.Optional;

/** Content detectors a masking rule can name. See docs/POLICY.md. */
public enum DetectorKind {
  PAYMENT_CARD,
  EMAIL,
  PHONE,
  US_SSN,
  IBAN,
  UK_NINO,
  AWS_ACCESS_KEY,
  PRIVATE_KEY,
  JWT,
  GENERIC_SECRET;

  /** The name used in policy documents, e.g. {@code payment-card}. */
  public String policyName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<DetectorKind> fromPolicyName(String name) {
    for (DetectorKind kind : values()) {
      if (kind.policyName().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
