package io.gatehouse.web.admin;

import io.gatehouse.policy.Violation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the control plane rejected in a form, by JSON pointer, so each message can be shown next to
 * the field it is about ({@code /target/port}) and all of them in the summary.
 */
public final class FieldErrors implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One problem; {@code pointer} is {@code ""} for the whole document. */
  public record Entry(String pointer, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** "/target/port: must be 1-65535", or just the message for the whole document. */
    public String text() {
      return pointer.isEmpty() ? message : pointer + ": " + message;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  public static FieldErrors of(List<Violation> violations) {
    FieldErrors errors = new FieldErrors();
    violations.forEach(v -> errors.add(v.pointer(), v.message()));
    return errors;
  }

  public void add(String pointer, String message) {
    entries.add(new Entry(pointer == null ? "" : pointer, message));
  }

  public void clear() {
    entries.clear();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public List<Entry> getAll() {
    return List.copyOf(entries);
  }

  /** The messages about {@code pointer} or anything inside it, joined; empty when none. */
  public String at(String pointer) {
    return String.join(
        "; ",
        entries.stream()
            .filter(e -> e.pointer().equals(pointer) || e.pointer().startsWith(pointer + "/"))
            .map(Entry::message)
            .toList());
  }

  public boolean has(String pointer) {
    return !at(pointer).isEmpty();
  }
}
