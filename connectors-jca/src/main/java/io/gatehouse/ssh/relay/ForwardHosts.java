package io.gatehouse.ssh.relay;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts a forward may name, in one canonical spelling, so that a policy's destinations match
 * what the target will connect to or listen on: a DNS name (lower case, no trailing dot), a
 * dotted-quad IPv4 address, or an IPv6 address in RFC 5952 form. Spellings the target's resolver
 * would turn into an address a policy names in its usual form are refused, not matched: {@code
 * 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}, {@code ::ffff:127.0.0.1},
 * {@code localhost.}, an empty host. No name is resolved here.
 */
public final class ForwardHosts {

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Pattern NUMERIC = Pattern.compile("[0-9]+|0x[0-9a-f]*");

  private ForwardHosts() {}

  /**
   * {@code host} in canonical form.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static String canonical(String host) {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("an empty host is not a destination");
    }
    if (host.length() > 253) {
      throw new IllegalArgumentException("a host name has at most 253 characters");
    }
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.indexOf(':') >= 0) {
      return ipv6(host);
    }
    if (IPV4.matcher(lower).matches()) {
      return lower;
    }
    String[] labels = lower.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException(
            "'" + shown(host) + "' is not a host name or a dotted-quad or IPv6 address");
      }
    }
    if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
      throw new IllegalArgumentException(
          "'"
              + shown(host)
              + "' is a shorthand or numeric spelling of an address; write it as a dotted quad"
              + " (127.0.0.1)");
    }
    return lower;
  }

  /** As {@link #canonical}, but an empty host (a listener on every address) is kept. */
  public static String canonicalListen(String host) {
    return host == null || host.isEmpty() ? "" : canonical(host);
  }

  private static String ipv6(String host) {
    if (!host.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("'" + shown(host) + "' is not an IPv6 address");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + shown(host) + "' is not an IPv6 address", e);
    }
    if (!(address instanceof Inet6Address v6) || ipv4Compatible(v6.getAddress())) {
      throw new IllegalArgumentException(
          "'" + shown(host) + "' embeds an IPv4 address; write it as a dotted quad");
    }
    return rfc5952(v6.getAddress());
  }

  // ::a.b.c.d (deprecated; some stacks still route it as IPv4), but not :: or ::1.
  private static boolean ipv4Compatible(byte[] bytes) {
    for (int i = 0; i < 12; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    long last =
        ((bytes[12] & 0xffL) << 24)
            | ((bytes[13] & 0xffL) << 16)
            | ((bytes[14] & 0xffL) << 8)
            | (bytes[15] & 0xffL);
    return last > 1;
  }

  /** Lower case, leading zeros dropped, the longest run (two or more) of zero groups as "::". */
  static String rfc5952(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static String shown(String host) {
    return host.length() > 64 ? host.substring(0, 64) + "…" : host;
  }
}
