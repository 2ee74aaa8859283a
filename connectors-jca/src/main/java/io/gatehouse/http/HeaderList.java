package io.gatehouse.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An ordered, mutable list of header fields with case-insensitive lookup. Repeated names stay
 * separate entries, so duplicates (a smuggling sign for {@code Content-Length}) stay visible.
 */
public final class HeaderList {

  /** One header field as received. */
  public record Field(String name, String value) {
    boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  private final List<Field> fields = new ArrayList<>();

  public HeaderList add(String name, String value) {
    fields.add(new Field(name, value));
    return this;
  }

  /** Replaces every field of this name with one field. */
  public HeaderList set(String name, String value) {
    remove(name);
    return add(name, value);
  }

  public void remove(String name) {
    fields.removeIf(f -> f.is(name));
  }

  public void removeIf(Predicate<Field> predicate) {
    fields.removeIf(predicate);
  }

  public List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (Field f : fields) {
      if (f.is(name)) {
        values.add(f.value());
      }
    }
    return values;
  }

  public Optional<String> first(String name) {
    return fields.stream().filter(f -> f.is(name)).map(Field::value).findFirst();
  }

  public boolean has(String name) {
    return fields.stream().anyMatch(f -> f.is(name));
  }

  /** True when a field of this name holds the token in its comma-separated value list. */
  public boolean hasToken(String name, String token) {
    for (String value : all(name)) {
      for (String part : value.split(",")) {
        if (part.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  public List<Field> fields() {
    return Collections.unmodifiableList(fields);
  }

  public HeaderList copy() {
    HeaderList copy = new HeaderList();
    copy.fields.addAll(fields);
    return copy;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Names only: values may hold credentials. */
  @Override
  public String toString() {
    return "HeaderList" + fields.stream().map(Field::name).toList();
  }
}
