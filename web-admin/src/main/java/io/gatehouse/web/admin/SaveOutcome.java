package io.gatehouse.web.admin;

/**
 * What became of a save: stored (under {@code name}) or refused with the errors to show in place.
 */
public record SaveOutcome(String name, FieldErrors errors) {

  public static SaveOutcome stored(String name) {
    return new SaveOutcome(name, new FieldErrors());
  }

  public static SaveOutcome refused(FieldErrors errors) {
    return new SaveOutcome(null, errors);
  }

  public static SaveOutcome refused(String pointer, String message) {
    FieldErrors errors = new FieldErrors();
    errors.add(pointer, message);
    return refused(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
