package io.gatehouse.ssh.gateway;

import io.gatehouse.ssh.relay.ForwardHosts;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A policy's forwarding destination, {@code host:port}, matched against a forward's canonical host
 * ({@link ForwardHosts}) and port. In the host, {@code *} is any run of characters within one label
 * (it does not cross a dot), {@code **} any run across labels, {@code ?} one character of a label;
 * everything else is literal, without regard to case. A host pattern made only of digits, dots and
 * wildcards ({@code 10.0.*.*}) matches IPv4 addresses only, never a name that happens to start the
 * same way ({@code 10.0.evil.example}). An IPv6 address may be written bare or in brackets ({@code
 * [::1]:22}), in any spelling. The port is a number or {@code *}.
 */
final class DestinationGlob {

  private static final Pattern IPV4_SHAPED = Pattern.compile("[0-9.*?]+");
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private final String text;
  private final Pattern host;
  private final boolean addressesOnly;
  private final int port; // -1: any

  private DestinationGlob(String text, Pattern host, boolean addressesOnly, int port) {
    this.text = text;
    this.host = host;
    this.addressesOnly = addressesOnly;
    this.port = port;
  }

  /**
   * @param destination {@code host:port}, as the policy parser admits it
   */
  static DestinationGlob of(String destination) {
    int colon = destination.lastIndexOf(':');
    String hostPart = destination.substring(0, colon).toLowerCase(Locale.ROOT);
    String portPart = destination.substring(colon + 1);
    if (hostPart.startsWith("[") && hostPart.endsWith("]")) {
      hostPart = hostPart.substring(1, hostPart.length() - 1);
    }
    if (hostPart.indexOf(':') >= 0 && hostPart.indexOf('*') < 0 && hostPart.indexOf('?') < 0) {
      try {
        hostPart = ForwardHosts.canonical(hostPart);
      } catch (IllegalArgumentException e) {
        // Not an address a forward can name: it will match nothing.
      }
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < hostPart.length(); i++) {
      char c = hostPart.charAt(i);
      if (hostPart.startsWith("**", i)) {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^.]*");
      } else if (c == '?') {
        regex.append("[^.]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new DestinationGlob(
        destination,
        Pattern.compile(regex.toString()),
        IPV4_SHAPED.matcher(hostPart).matches(),
        portPart.equals("*") ? -1 : Integer.parseInt(portPart));
  }

  /**
   * @param canonicalHost as {@link ForwardHosts#canonical} gives it (or empty: every address)
   */
  boolean matches(String canonicalHost, int port) {
    if (this.port >= 0 && this.port != port) {
      return false;
    }
    if (addressesOnly && !IPV4.matcher(canonicalHost).matches()) {
      return false;
    }
    return host.matcher(canonicalHost).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
