package io.gatehouse.policy;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code when.forward} (SSH port forwarding, relayed over the target session).
 *
 * @param kinds the kinds of forwarding the rule covers ({@link #KINDS}; empty: every kind)
 * @param destinations globs over {@code host:port}, the address the target connects to for a local
 *     forward (empty: any)
 */
public record ForwardMatch(List<String> kinds, List<String> destinations) {

  /**
   * The kinds a policy may name: {@code local} is {@code ssh -L} and {@code ssh -W}, {@code remote}
   * is {@code ssh -R}, {@code agent} is {@code ssh -A} (which has no destination: a rule with
   * destinations never matches it).
   */
  public static final List<String> KINDS = List.of("local", "remote", "agent");

  /** What a destination must look like: a host (glob) and a port or {@code *}. */
  public static final Pattern DESTINATION =
      Pattern.compile("[^\\s:][^\\s]{0,252}:(\\*|[0-9]{1,5})");

  public ForwardMatch {
    kinds = List.copyOf(kinds);
    destinations = List.copyOf(destinations);
    if (kinds.isEmpty() && destinations.isEmpty()) {
      throw new IllegalArgumentException("a forward match needs at least one criterion");
    }
    if (!Set.copyOf(KINDS).containsAll(kinds)) {
      throw new IllegalArgumentException("unknown forwarding kind in " + kinds);
    }
  }

  /** Whether this covers {@code kind}. */
  public boolean covers(String kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }
}
