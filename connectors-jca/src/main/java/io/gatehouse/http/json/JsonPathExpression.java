package io.gatehouse.http.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A small JSONPath subset, enough to name fields in API responses:
 *
 * <pre>
 *   $                 the whole document
 *   .name  ['name']   a member (quotes: for names with dots, e.g. annotation keys)
 *   .*  [*]           every member or element
 *   [3]               one array element
 *   ..name  ..*       a member at any depth below (recursive descent)
 * </pre>
 *
 * Filters, slices, unions and script expressions are not supported and are refused when parsed. A
 * selected object or array has every scalar inside it masked.
 */
public final class JsonPathExpression {

  private record Step(boolean descend, String name, int index) {
    static final int ANY = -1;
    static final int NONE = -2;

    boolean accepts(Object element) {
      if (name != null) {
        return name.equals(element);
      }
      return index == ANY || element instanceof Integer i && i == index;
    }
  }

  private final String text;
  private final List<Step> steps;

  private JsonPathExpression(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  public static JsonPathExpression parse(String text) {
    if (text == null || !text.startsWith("$")) {
      throw new IllegalArgumentException("a JSONPath starts with $: " + text);
    }
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (text.startsWith("..", i)) {
        i = member(text, i + 2, true, steps);
      } else if (c == '.') {
        i = member(text, i + 1, false, steps);
      } else if (c == '[') {
        i = bracket(text, i, steps);
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in " + text);
      }
    }
    return new JsonPathExpression(text, List.copyOf(steps));
  }

  private static int member(String text, int start, boolean descend, List<Step> steps) {
    if (descend && start < text.length() && text.charAt(start) == '[') {
      int end = bracket(text, start, steps);
      Step last = steps.remove(steps.size() - 1);
      steps.add(new Step(true, last.name(), last.index()));
      return end;
    }
    int end = start;
    while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
      end++;
    }
    String name = text.substring(start, end);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty member name at " + start + " in " + text);
    }
    steps.add(
        name.equals("*") ? new Step(descend, null, Step.ANY) : new Step(descend, name, Step.NONE));
    return end;
  }

  private static int bracket(String text, int start, List<Step> steps) {
    int close = text.indexOf(']', start);
    if (close < 0) {
      throw new IllegalArgumentException("unclosed [ at " + start + " in " + text);
    }
    String inside = text.substring(start + 1, close).trim();
    if (inside.equals("*")) {
      steps.add(new Step(false, null, Step.ANY));
    } else if (inside.matches("[0-9]{1,9}")) {
      steps.add(new Step(false, null, Integer.parseInt(inside)));
    } else if (inside.length() >= 2
        && (inside.startsWith("'") && inside.endsWith("'")
            || inside.startsWith("\"") && inside.endsWith("\""))) {
      steps.add(new Step(false, inside.substring(1, inside.length() - 1), Step.NONE));
    } else {
      throw new IllegalArgumentException("unsupported selector [" + inside + "] in " + text);
    }
    return close + 1;
  }

  /**
   * Whether this expression selects the value at {@code path}, whose elements are member names
   * ({@link String}) and array indexes ({@link Integer}) from the root.
   */
  public boolean matches(List<Object> path) {
    return matches(0, path, 0);
  }

  private boolean matches(int s, List<Object> path, int p) {
    if (s == steps.size()) {
      return p == path.size();
    }
    Step step = steps.get(s);
    if (!step.descend()) {
      return p < path.size() && step.accepts(path.get(p)) && matches(s + 1, path, p + 1);
    }
    for (int k = p; k < path.size(); k++) {
      if (step.accepts(path.get(k)) && matches(s + 1, path, k + 1)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
