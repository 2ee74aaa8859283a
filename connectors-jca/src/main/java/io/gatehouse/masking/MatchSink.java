package io.gatehouse.masking;

/** Receives the spans a {@link Detector} finds, as {@code [start, end)} char indexes. */
@FunctionalInterface
public interface MatchSink {
  void match(int start, int end);
}
