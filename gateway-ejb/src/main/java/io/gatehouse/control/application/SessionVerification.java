package io.gatehouse.control.application;

import java.util.List;

/** Checks recorded sessions against their hash chain and seal; publishes the seal keys. */
public interface SessionVerification {

  /** Recomputes the session's chain from the store and checks its seal. */
  VerificationView verify(String sessionId);

  /** Every public key seals are verified with, the current one first. */
  List<SealKeyView> sealKeys();
}
