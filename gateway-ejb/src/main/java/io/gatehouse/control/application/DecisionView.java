package io.gatehouse.control.application;

import java.time.Instant;

/** One recorded decision: who, when, why. */
public record DecisionView(String by, Instant at, String reason) {}
