package io.gatehouse.masking;

import java.util.EnumMap;
import java.util.Map;

/** The one detector instance per {@link DetectorKind}. */
public final class Detectors {
  private static final Map<DetectorKind, Detector> BY_KIND = new EnumMap<>(DetectorKind.class);

  static {
    register(new PaymentCardDetector());
    register(new EmailDetector());
    register(new PhoneDetector());
    register(new UsSsnDetector());
    register(new IbanDetector());
    register(new UkNinoDetector());
    register(new AwsAccessKeyDetector());
    register(new PrivateKeyDetector());
    register(new JwtDetector());
    register(new GenericSecretDetector());
  }

  private Detectors() {}

  private static void register(Detector detector) {
    BY_KIND.put(detector.kind(), detector);
  }

  public static Detector of(DetectorKind kind) {
    return BY_KIND.get(kind);
  }
}
