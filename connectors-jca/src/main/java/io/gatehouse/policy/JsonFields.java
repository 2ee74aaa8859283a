package io.gatehouse.policy;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object and collects every problem with its JSON pointer, so a caller
 * can report all of them at once. Unknown fields are problems too: a typo must not silently switch
 * a setting off. A value of the wrong type reads as absent after it has been reported.
 */
public final class JsonFields {

  private final JsonObject object;
  private final String pointer;
  private final List<Violation> violations;

  private JsonFields(JsonObject object, String pointer, List<Violation> violations) {
    this.object = object;
    this.pointer = pointer;
    this.violations = violations;
  }

  /**
   * Fields of {@code value} at {@code pointer}; reports a non-object, and each field not in {@code
   * known}.
   */
  public static JsonFields of(
      JsonValue value, String pointer, List<Violation> violations, Collection<String> known) {
    if (!(value instanceof JsonObject object)) {
      violations.add(new Violation(pointer, "must be an object"));
      return new JsonFields(JsonValue.EMPTY_JSON_OBJECT, pointer, violations);
    }
    for (String field : object.keySet()) {
      if (!known.contains(field)) {
        violations.add(
            new Violation(
                child(pointer, field),
                "unknown field; expected one of " + String.join(", ", new TreeSet<>(known))));
      }
    }
    return new JsonFields(object, pointer, violations);
  }

  /** The pointer of {@code field} under {@code parent}, escaped per RFC 6901. */
  public static String child(String parent, String field) {
    return parent + "/" + field.replace("~", "~0").replace("/", "~1");
  }

  public String pointer() {
    return pointer;
  }

  public String pointer(String field) {
    return child(pointer, field);
  }

  public boolean has(String field) {
    return object.containsKey(field) && object.get(field) != JsonValue.NULL;
  }

  public void report(String field, String message) {
    violations.add(new Violation(pointer(field), message));
  }

  public Optional<JsonValue> value(String field) {
    return has(field) ? Optional.of(object.get(field)) : Optional.empty();
  }

  public Optional<String> string(String field, int maxLength) {
    Optional<JsonValue> value = value(field);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return asString(value.get(), pointer(field), maxLength, violations);
  }

  /** A string matching {@code pattern}; {@code shape} tells the client what is expected. */
  public Optional<String> string(String field, Pattern pattern, String shape) {
    return string(field, Integer.MAX_VALUE)
        .filter(
            s -> {
              boolean ok = pattern.matcher(s).matches();
              if (!ok) {
                report(field, "must be " + shape);
              }
              return ok;
            });
  }

  public Optional<String> requiredString(String field, Pattern pattern, String shape) {
    if (!has(field)) {
      report(field, "is required");
      return Optional.empty();
    }
    return string(field, pattern, shape);
  }

  public Optional<Boolean> bool(String field) {
    Optional<JsonValue> value = value(field);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    JsonValue v = value.get();
    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
      return Optional.of(v == JsonValue.TRUE);
    }
    report(field, "must be true or false");
    return Optional.empty();
  }

  public Optional<Integer> integer(String field, int min, int max) {
    Optional<JsonValue> value = value(field);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!(value.get() instanceof JsonNumber number) || !number.isIntegral()) {
      report(field, "must be an integer " + min + "-" + max);
      return Optional.empty();
    }
    long n = number.bigDecimalValue().longValue();
    if (number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(n)) != 0
        || n < min
        || n > max) {
      report(field, "must be " + min + "-" + max);
      return Optional.empty();
    }
    return Optional.of((int) n);
  }

  /** A named constant; a bad name is reported with the allowed ones. */
  public <E> Optional<E> constant(
      String field, Function<String, Optional<E>> lookup, Collection<String> allowed) {
    return string(field, Integer.MAX_VALUE)
        .flatMap(name -> constant(name, pointer(field), lookup, allowed, violations));
  }

  public static <E> Optional<E> constant(
      String name,
      String pointer,
      Function<String, Optional<E>> lookup,
      Collection<String> allowed,
      List<Violation> violations) {
    Optional<E> found = lookup.apply(name);
    if (found.isEmpty()) {
      violations.add(
          new Violation(
              pointer, "unknown value '" + name + "'; allowed: " + String.join(", ", allowed)));
    }
    return found;
  }

  /**
   * An array whose elements each read with {@code element} (given the value and its pointer);
   * absent is empty, present must hold at least one element unless {@code mayBeEmpty}.
   */
  public <T> Optional<List<T>> list(String field, boolean mayBeEmpty, ElementReader<T> element) {
    Optional<JsonValue> value = value(field);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!(value.get() instanceof JsonArray array)) {
      report(field, "must be an array");
      return Optional.empty();
    }
    if (array.isEmpty() && !mayBeEmpty) {
      report(field, "must not be empty; leave the field out instead");
      return Optional.empty();
    }
    List<T> result = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      element.read(array.get(i), pointer(field) + "/" + i, violations).ifPresent(result::add);
    }
    return Optional.of(result);
  }

  /** A non-empty list of strings, each at most {@code maxLength} characters. */
  public List<String> strings(String field, int maxLength) {
    return list(field, false, (v, p, out) -> nonBlank(v, p, maxLength, out)).orElse(List.of());
  }

  /** A non-empty list of strings each matching {@code pattern}. */
  public List<String> strings(String field, Pattern pattern, String shape) {
    return list(field, false, (v, p, out) -> matching(v, p, pattern, shape, out)).orElse(List.of());
  }

  /** A non-empty list of named constants. */
  public <E> List<E> constants(
      String field, Function<String, Optional<E>> lookup, Collection<String> allowed) {
    return list(
            field,
            false,
            (v, p, out) ->
                asString(v, p, Integer.MAX_VALUE, out)
                    .flatMap(s -> constant(s, p, lookup, allowed, out)))
        .orElse(List.of());
  }

  static Optional<String> asString(
      JsonValue value, String pointer, int maxLength, List<Violation> violations) {
    if (!(value instanceof JsonString string)) {
      violations.add(new Violation(pointer, "must be a string"));
      return Optional.empty();
    }
    if (string.getString().length() > maxLength) {
      violations.add(new Violation(pointer, "must be at most " + maxLength + " characters"));
      return Optional.empty();
    }
    return Optional.of(string.getString());
  }

  static Optional<String> nonBlank(
      JsonValue value, String pointer, int maxLength, List<Violation> violations) {
    return asString(value, pointer, maxLength, violations)
        .filter(
            s -> {
              if (s.isBlank()) {
                violations.add(new Violation(pointer, "must not be blank"));
              }
              return !s.isBlank();
            });
  }

  static Optional<String> matching(
      JsonValue value, String pointer, Pattern pattern, String shape, List<Violation> violations) {
    return asString(value, pointer, Integer.MAX_VALUE, violations)
        .filter(
            s -> {
              boolean ok = pattern.matcher(s).matches();
              if (!ok) {
                violations.add(new Violation(pointer, "must be " + shape));
              }
              return ok;
            });
  }

  /** Reads one array element. */
  @FunctionalInterface
  public interface ElementReader<T> {
    Optional<T> read(JsonValue value, String pointer, List<Violation> violations);
  }

  /** Convenience for a fixed set of field names. */
  public static Set<String> names(String... names) {
    return Set.of(names);
  }
}
