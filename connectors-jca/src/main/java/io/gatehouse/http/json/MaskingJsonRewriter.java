package io.gatehouse.http.json;

import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Copies one JSON document from a parser to a generator, event by event, masking the values a
 * {@link JsonMaskPlan} selects. Holds the current path and one frame per open container, nothing
 * else: a list of any length streams through. Not thread-safe; one instance per document.
 */
final class MaskingJsonRewriter {

  private static final class Frame {
    final boolean object;
    final boolean masked;
    final boolean hasElement;
    int index;
    boolean secret;

    Frame(boolean object, boolean masked, boolean hasElement) {
      this.object = object;
      this.masked = masked;
      this.hasElement = hasElement;
    }
  }

  private final JsonMaskPlan plan;
  private final Deque<Frame> frames = new ArrayDeque<>();
  private final List<Object> path = new ArrayList<>();
  private String key;
  private int maskedDepth;

  MaskingJsonRewriter(JsonMaskPlan plan) {
    this.plan = plan;
  }

  /** Copies exactly one JSON value; returns when it is complete. */
  void rewrite(JsonParser parser, JsonGenerator generator) {
    do {
      JsonParser.Event event = parser.next();
      switch (event) {
        case KEY_NAME -> key = parser.getString();
        case START_OBJECT, START_ARRAY -> open(event == JsonParser.Event.START_OBJECT, generator);
        case END_OBJECT, END_ARRAY -> close(generator);
        default -> scalar(event, parser, generator);
      }
    } while (!frames.isEmpty());
  }

  private void open(boolean object, JsonGenerator generator) {
    boolean hasElement = enter();
    boolean masked = maskedDepth > 0 || selected();
    writeKey(generator);
    if (object) {
      generator.writeStartObject();
    } else {
      generator.writeStartArray();
    }
    frames.push(new Frame(object, masked, hasElement));
    if (masked) {
      maskedDepth++;
    }
  }

  private void close(JsonGenerator generator) {
    Frame frame = frames.pop();
    generator.writeEnd();
    if (frame.masked) {
      maskedDepth--;
    }
    leave(frame.hasElement);
  }

  private void scalar(JsonParser.Event event, JsonParser parser, JsonGenerator generator) {
    boolean hasElement = enter();
    boolean masked = event != JsonParser.Event.VALUE_NULL && (maskedDepth > 0 || selected());
    Frame parent = frames.peek();
    if (parent != null
        && parent.object
        && "kind".equals(key)
        && event == JsonParser.Event.VALUE_STRING
        && "Secret".equals(parser.getString())) {
      parent.secret = true;
    }
    writeKey(generator);
    if (masked) {
      generator.write(plan.masker().mask(text(event, parser)));
    } else if (plan.contentMasker() != null
        && (event == JsonParser.Event.VALUE_STRING || event == JsonParser.Event.VALUE_NUMBER)) {
      scanned(event, parser, generator);
    } else {
      generator.write(parser.getValue());
    }
    leave(hasElement);
  }

  // A number is rewritten (as a string) only when the detectors found something in it.
  private void scanned(JsonParser.Event event, JsonParser parser, JsonGenerator generator) {
    String value = parser.getString();
    String masked = plan.contentMasker().mask(value);
    if (event == JsonParser.Event.VALUE_STRING || !masked.equals(value)) {
      generator.write(masked);
    } else {
      generator.write(parser.getValue());
    }
  }

  private static String text(JsonParser.Event event, JsonParser parser) {
    return switch (event) {
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      default -> parser.getString();
    };
  }

  private boolean selected() {
    Frame parent = frames.peek();
    if (plan.secretAware()
        && parent != null
        && parent.object
        && parent.secret
        && ("data".equals(key) || "stringData".equals(key))) {
      return true;
    }
    return plan.selects(path);
  }

  /** Pushes the element the next value sits at; false at the root. */
  private boolean enter() {
    Frame parent = frames.peek();
    if (parent == null) {
      return false;
    }
    path.add(parent.object ? key : Integer.valueOf(parent.index));
    return true;
  }

  private void leave(boolean hasElement) {
    if (hasElement) {
      path.remove(path.size() - 1);
    }
    Frame parent = frames.peek();
    if (parent != null && !parent.object) {
      parent.index++;
    }
  }

  private void writeKey(JsonGenerator generator) {
    Frame parent = frames.peek();
    if (parent != null && parent.object) {
      generator.writeKey(key);
    }
  }
}
