package io.gatehouse.http;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What headers may cross the gateway, in each direction, and which request shapes are refused
 * before anything else happens.
 *
 * <ul>
 *   <li>{@link #validateRequest}: 431 for too many or too large headers; 400 for request smuggling
 *       shapes (Content-Length with Transfer-Encoding, conflicting Content-Length, a
 *       Transfer-Encoding other than {@code chunked}, obs-fold or control characters in a value);
 *       403 for Kubernetes impersonation headers, which would borrow the gateway's credential.
 *   <li>{@link #toUpstream}: drops hop-by-hop headers (and those {@code Connection} names), the
 *       caller's credentials ({@code Authorization}, {@code Cookie}, {@code Proxy-*}), the caller's
 *       own forwarding claims, and {@code Accept-Encoding} (the target answers uncompressed so the
 *       masker can read it); sets {@code X-Forwarded-For/-Proto/-Host/-Prefix} from what the
 *       gateway saw.
 *   <li>{@link #toCaller}: drops hop-by-hop headers, {@code Set-Cookie} (a session of the gateway's
 *       credential on the target, not the caller's), {@code WWW-Authenticate} (a challenge for the
 *       gateway's credential) and {@code Content-Length} (masking may change the body; the
 *       container re-frames it).
 * </ul>
 *
 * An {@code Upgrade} survives only when the caller passes {@code allowUpgrade}, for a relay that
 * handles the protocol switch itself.
 */
public final class HeaderHygiene {

  /** Hop-by-hop fields (RFC 9110 section 7.6.1) plus the legacy Proxy-Connection. */
  public static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private static final Set<String> CALLER_ONLY =
      Set.of(
          "authorization",
          "cookie",
          "host",
          "content-length",
          "expect",
          "forwarded",
          "x-forwarded-for",
          "x-forwarded-proto",
          "x-forwarded-host",
          "x-forwarded-port",
          "x-forwarded-prefix",
          "x-real-ip",
          "accept-encoding");

  private static final Set<String> TARGET_ONLY =
      Set.of("set-cookie", "set-cookie2", "www-authenticate", "content-length");

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private final int maxHeaderCount;
  private final int maxHeaderBytes;

  /**
   * @param maxHeaderCount more fields than this: 431
   * @param maxHeaderBytes more bytes of names and values than this: 431
   */
  public HeaderHygiene(int maxHeaderCount, int maxHeaderBytes) {
    this.maxHeaderCount = maxHeaderCount;
    this.maxHeaderBytes = maxHeaderBytes;
  }

  /** Limits that fit kubectl and browsers with room to spare: 100 fields, 32 KiB. */
  public static HeaderHygiene defaults() {
    return new HeaderHygiene(100, 32 * 1024);
  }

  /** Refuses a request whose header set is oversized, ambiguous or carries impersonation. */
  public void validateRequest(HeaderList headers) {
    checkSize(headers);
    for (HeaderList.Field f : headers.fields()) {
      if (!TOKEN.matcher(f.name()).matches()) {
        throw HttpRejection.badRequest("invalid header name");
      }
      if (hasControlCharacter(f.value())) {
        throw HttpRejection.badRequest("header " + f.name() + " has a folded or control character");
      }
      if (HeaderList.lower(f.name()).startsWith("impersonate-")) {
        throw new HttpRejection(
            403, "impersonation (" + f.name() + ") is not allowed through the gateway");
      }
    }
    checkFraming(headers);
  }

  private void checkSize(HeaderList headers) {
    List<HeaderList.Field> fields = headers.fields();
    if (fields.size() > maxHeaderCount) {
      throw new HttpRejection(431, "too many header fields (limit " + maxHeaderCount + ")");
    }
    long bytes = 0;
    for (HeaderList.Field f : fields) {
      bytes += f.name().length() + f.value().length() + 4;
    }
    if (bytes > maxHeaderBytes) {
      throw new HttpRejection(431, "header fields too large (limit " + maxHeaderBytes + " bytes)");
    }
  }

  private static void checkFraming(HeaderList headers) {
    List<String> lengths = headers.all("Content-Length");
    List<String> encodings = headers.all("Transfer-Encoding");
    if (!lengths.isEmpty() && !encodings.isEmpty()) {
      throw HttpRejection.badRequest("both Content-Length and Transfer-Encoding");
    }
    if (encodings.size() > 1
        || (encodings.size() == 1 && !encodings.get(0).trim().equalsIgnoreCase("chunked"))) {
      throw HttpRejection.badRequest("only Transfer-Encoding: chunked is accepted");
    }
    Set<String> distinct = new HashSet<>();
    for (String value : lengths) {
      for (String part : value.split(",", -1)) {
        String length = part.trim();
        if (!DIGITS.matcher(length).matches()) {
          throw HttpRejection.badRequest("invalid Content-Length");
        }
        distinct.add(String.valueOf(Long.parseLong(length)));
      }
    }
    if (distinct.size() > 1) {
      throw HttpRejection.badRequest("conflicting Content-Length values");
    }
  }

  private static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the request asks to switch to a streaming protocol (WebSocket, SPDY). An {@code
   * Upgrade: h2c} offer (the JDK's HTTP client makes one) is not: it is dropped as hop-by-hop.
   */
  public static boolean requestsProtocolSwitch(HeaderList headers) {
    for (String value : headers.all("Upgrade")) {
      for (String token : value.split(",")) {
        String t = token.trim();
        if (!t.isEmpty() && !t.equalsIgnoreCase("h2c")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The headers to send to the target: scrubbed, then stamped with forwarding information. */
  public HeaderList toUpstream(HeaderList caller, Forwarding forwarding, boolean allowUpgrade) {
    HeaderList out = caller.copy();
    Set<String> named = connectionNamed(caller);
    out.removeIf(
        f -> {
          String n = HeaderList.lower(f.name());
          if (allowUpgrade && n.equals("upgrade")) {
            return false;
          }
          return HOP_BY_HOP.contains(n)
              || named.contains(n)
              || n.startsWith("proxy-")
              || CALLER_ONLY.contains(n);
        });
    if (allowUpgrade && caller.has("Upgrade")) {
      out.add("Connection", "Upgrade");
    }
    out.add("X-Forwarded-For", forwarding.clientAddress());
    out.add("X-Forwarded-Proto", forwarding.proto());
    if (forwarding.host() != null) {
      out.add("X-Forwarded-Host", forwarding.host());
    }
    out.add("X-Forwarded-Prefix", forwarding.prefix());
    return out;
  }

  /** The headers to return to the caller. */
  public HeaderList toCaller(HeaderList target, boolean allowUpgrade) {
    HeaderList out = target.copy();
    Set<String> named = connectionNamed(target);
    out.removeIf(
        f -> {
          String n = HeaderList.lower(f.name());
          if (allowUpgrade && (n.equals("upgrade") || n.equals("connection"))) {
            return false;
          }
          return HOP_BY_HOP.contains(n)
              || named.contains(n)
              || n.startsWith("proxy-")
              || n.startsWith(":")
              || TARGET_ONLY.contains(n);
        });
    return out;
  }

  private static Set<String> connectionNamed(HeaderList headers) {
    Set<String> named = new HashSet<>();
    for (String value : headers.all("Connection")) {
      for (String part : value.split(",")) {
        String n = part.trim().toLowerCase(Locale.ROOT);
        if (!n.isEmpty() && !n.equals("upgrade")) {
          named.add(n);
        }
      }
    }
    return named;
  }

  /**
   * What the gateway saw of the caller, for {@code X-Forwarded-*}.
   *
   * @param clientAddress the caller's IP address as the gateway saw it
   * @param proto {@code http} or {@code https}
   * @param host the {@code Host} the caller used; may be null
   * @param prefix {@code /proxy/{connection}}
   */
  public record Forwarding(String clientAddress, String proto, String host, String prefix) {}
}
