package io.gatehouse.control.application;

/** A public key that seals are verified with, as PEM; {@code current} signs new seals. */
public record SealKeyView(String keyId, String algorithm, boolean current, String publicKey) {}
