package io.gatehouse.policy;

import java.util.Objects;

/**
 * One problem in a JSON document.
 *
 * @param pointer the RFC 6901 JSON pointer of the value at fault ({@code ""} for the whole
 *     document)
 * @param message what is wrong there
 */
public record Violation(String pointer, String message) {

  public Violation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
