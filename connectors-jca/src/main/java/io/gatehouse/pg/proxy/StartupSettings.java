package io.gatehouse.pg.proxy;

import io.gatehouse.pg.wire.SqlState;
import io.gatehouse.pg.wire.WireFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run-time settings a client asks for in its startup message ({@code application_name}, {@code
 * TimeZone}, {@code DateStyle}, {@code -c name=value} in {@code options}…), which PostgreSQL would
 * apply to the new session. The gateway's backend sessions are pooled and were started by the
 * gateway, so it applies them itself once a backend is assigned ({@link
 * io.gatehouse.pg.backend.BackendConnection#apply}), and the client then sees their values in its
 * ParameterStatus messages, as from PostgreSQL.
 *
 * <p>Only settings a plain {@code SET} could change, and that say nothing about who the session
 * runs as, are applied ({@link #APPLIED}). {@code role} and {@code session_authorization} are
 * refused (they would switch the target role past the statement rules), as are replication
 * connections. {@code client_encoding} is always UTF8 (the gateway reads statements and masks
 * values as UTF-8; the client is told so, as libpq and the JDBC driver expect). Any other setting
 * is not applied and the client gets a NOTICE naming it.
 */
final class StartupSettings {

  /** Settings applied to the backend session (lower case: PostgreSQL's names ignore case). */
  static final Set<String> APPLIED =
      Set.of(
          "application_name",
          "datestyle",
          "intervalstyle",
          "timezone",
          "extra_float_digits",
          "search_path",
          "statement_timeout",
          "lock_timeout",
          "idle_in_transaction_session_timeout",
          "default_transaction_isolation",
          "default_transaction_read_only",
          "bytea_output",
          "work_mem",
          "geqo",
          "jit");

  private static final Set<String> REFUSED = Set.of("role", "session_authorization");
  private static final Set<String> PROTOCOL = Set.of("user", "database", "options");

  private final Map<String, String> applied;
  private final List<String> ignored;

  private StartupSettings(Map<String, String> applied, List<String> ignored) {
    this.applied = Collections.unmodifiableMap(applied);
    this.ignored = List.copyOf(ignored);
  }

  /**
   * The settings in a startup message's parameters.
   *
   * @throws WireFormatException for a setting the gateway refuses (with its SQLSTATE and why)
   */
  static StartupSettings of(Map<String, String> parameters) throws WireFormatException {
    Map<String, String> applied = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      if (PROTOCOL.contains(name)) {
        continue;
      }
      take(name, parameter.getValue(), applied, ignored);
    }
    String options = parameters.get("options");
    if (options != null) {
      for (Map.Entry<String, String> option : options(options).entrySet()) {
        take(option.getKey(), option.getValue(), applied, ignored);
      }
    }
    return new StartupSettings(applied, ignored);
  }

  private static void take(
      String name, String value, Map<String, String> applied, List<String> ignored)
      throws WireFormatException {
    String key = name.toLowerCase(Locale.ROOT);
    if (REFUSED.contains(key)) {
      throw new WireFormatException(
          SqlState.INSUFFICIENT_PRIVILEGE,
          "the startup parameter "
              + name
              + " is not allowed through the gateway (it would change the role the target session"
              + " runs as); use SET ROLE after connecting, where the connection's rules apply");
    }
    if (key.equals("replication")) {
      if (!Set.of("false", "off", "no", "0").contains(value.toLowerCase(Locale.ROOT))) {
        throw new WireFormatException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "replication connections are not supported through the gateway");
      }
      return;
    }
    if (key.equals("client_encoding")) {
      return; // always UTF8, reported as such
    }
    if (APPLIED.contains(key)) {
      applied.put(key, value);
    } else {
      ignored.add(name);
    }
  }

  /**
   * The {@code name=value} pairs of an {@code options} string: {@code -c name=value} or {@code
   * --name=value}, separated by spaces ({@code \} escapes a space or backslash, as libpq's).
   *
   * @throws WireFormatException for any other command-line option
   */
  static Map<String, String> options(String options) throws WireFormatException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean escaped = false;
    for (int i = 0; i < options.length(); i++) {
      char c = options.charAt(i);
      if (escaped) {
        word.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (Character.isWhitespace(c)) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String pair;
      if (w.equals("-c") && i + 1 < words.size()) {
        pair = words.get(++i);
      } else if (w.startsWith("-c") && w.length() > 2) {
        pair = w.substring(2);
      } else if (w.startsWith("--") && w.length() > 2) {
        pair = w.substring(2);
      } else {
        throw new WireFormatException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "the startup option '"
                + w
                + "' is not supported through the gateway (only -c name=value)");
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new WireFormatException(
            SqlState.FEATURE_NOT_SUPPORTED, "the startup option '" + w + "' has no name=value");
      }
      pairs.put(pair.substring(0, eq).replace('-', '_'), pair.substring(eq + 1));
    }
    return pairs;
  }

  /** What to apply to the backend session, by lower-case name, in the client's order. */
  Map<String, String> applied() {
    return applied;
  }

  /** The settings asked for and not applied (not refused either), by the client's names. */
  List<String> ignored() {
    return ignored;
  }
}
