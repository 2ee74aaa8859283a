package io.gatehouse.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request path of the form {@code /proxy/{connection}/{rest}}, taken apart without ambiguity.
 *
 * <p>Decisions, so that what the policy sees is what the target gets:
 *
 * <ul>
 *   <li>Dot segments ({@code .}, {@code ..}, also percent-encoded, also with a {@code ;param}
 *       suffix) are <b>refused</b> (400), never normalised: kubectl and other clients never send
 *       them, and refusing cannot be talked out of {@code /proxy/{connection}}.
 *   <li>Empty segments ({@code //}) are collapsed, and the collapsed path is the one forwarded.
 *   <li>An encoded slash ({@code %2F}) is forwarded as sent, but matched as a slash: {@code a%2Fb}
 *       matches the glob {@code a/b}, so a rule cannot be dodged by encoding.
 *   <li>Double encoding ({@code %25xx}), encoded or raw backslashes, NUL and control characters,
 *       and malformed percent-encoding or UTF-8 are refused.
 *   <li>A trailing slash is forwarded but ignored for matching; case is preserved everywhere.
 * </ul>
 *
 * @param connection the connection name
 * @param segments decoded segments below the connection, for matching and classification
 * @param forwardPath the raw (still percent-encoded) path below the connection to forward, {@code
 *     /} at least
 */
public record ProxyPath(String connection, List<String> segments, String forwardPath) {

  private static final Pattern CONNECTION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern DOUBLE_ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}");

  /**
   * @param prefix where the proxy is mounted, {@code /proxy}
   * @param rawPath the request path exactly as received (not decoded)
   */
  public static ProxyPath parse(String prefix, String rawPath) {
    if (rawPath == null || !rawPath.startsWith(prefix + "/")) {
      throw HttpRejection.badRequest("path must start with " + prefix + "/{connection}");
    }
    String rest = rawPath.substring(prefix.length());
    List<String> raw = new ArrayList<>();
    for (String segment : rest.split("/")) {
      if (!segment.isEmpty()) {
        raw.add(segment);
      }
    }
    if (raw.isEmpty()) {
      throw HttpRejection.badRequest("no connection named in the path");
    }
    String connection = decode(raw.get(0));
    check(connection);
    if (!CONNECTION.matcher(connection).matches()) {
      throw new HttpRejection(404, "no such connection");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : raw.subList(1, raw.size())) {
      for (String part : decode(segment).split("/", -1)) {
        check(part);
        if (!part.isEmpty()) {
          segments.add(part);
        }
      }
    }
    StringBuilder forward = new StringBuilder();
    for (String segment : raw.subList(1, raw.size())) {
      forward.append('/').append(segment);
    }
    if (forward.length() == 0 || rest.endsWith("/")) {
      forward.append('/');
    }
    return new ProxyPath(connection, List.copyOf(segments), forward.toString());
  }

  /** The decoded path below the connection for glob matching: {@code /a/b}, or {@code /}. */
  public String matchPath() {
    return "/" + String.join("/", segments);
  }

  /** {@code /proxy/{connection}}, for X-Forwarded-Prefix. */
  public String prefix(String mount) {
    return mount + "/" + connection;
  }

  private static void check(String part) {
    String beforeParams = part.contains(";") ? part.substring(0, part.indexOf(';')) : part;
    if (beforeParams.equals(".") || beforeParams.equals("..")) {
      throw HttpRejection.badRequest("dot segments are not allowed in the path");
    }
    if (part.indexOf('\\') >= 0 || DOUBLE_ENCODED.matcher(part).find()) {
      throw HttpRejection.badRequest("ambiguous path encoding");
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw HttpRejection.badRequest("control character in the path");
      }
    }
  }

  /** Strict percent-decoding: malformed escapes and invalid UTF-8 are refused. */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw HttpRejection.badRequest("malformed percent-encoding");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw HttpRejection.badRequest("malformed percent-encoding");
        }
        bytes.put((byte) (hi * 16 + lo));
        i += 2;
      } else {
        bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw HttpRejection.badRequest("path is not valid UTF-8");
    }
  }
}
