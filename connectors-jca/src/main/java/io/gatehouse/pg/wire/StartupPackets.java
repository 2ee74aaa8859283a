package io.gatehouse.pg.wire;

import io.gatehouse.pg.wire.StartupPacket.CancelRequest;
import io.gatehouse.pg.wire.StartupPacket.GssEncRequest;
import io.gatehouse.pg.wire.StartupPacket.SslRequest;
import io.gatehouse.pg.wire.StartupPacket.StartupMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the untyped packets cut by {@link StartupDecoder}. */
public final class StartupPackets {
  private StartupPackets() {}

  public static StartupPacket parse(Frame frame) throws WireFormatException {
    WireReader r = new WireReader(frame.body(), "startup");
    int code = r.int32();
    switch (code) {
      case FrontendCode.SSL_REQUEST:
        r.end();
        return new SslRequest();
      case FrontendCode.GSSENC_REQUEST:
        r.end();
        return new GssEncRequest();
      case FrontendCode.CANCEL_REQUEST:
        CancelRequest cancel = new CancelRequest(r.int32(), r.int32());
        r.end();
        return cancel;
      default:
        if (code >>> 16 != 3) {
          throw new WireFormatException(
              SqlState.FEATURE_NOT_SUPPORTED,
              "unsupported frontend protocol "
                  + (code >>> 16)
                  + "."
                  + (code & 0xffff)
                  + ": server supports 3.0");
        }
        return new StartupMessage(code, parameters(r));
    }
  }

  private static Map<String, String> parameters(WireReader r) throws WireFormatException {
    Map<String, String> params = new LinkedHashMap<>();
    for (String name = r.cstring(); !name.isEmpty(); name = r.cstring()) {
      String value = r.cstring();
      if (params.put(name, value) != null) {
        throw r.error("duplicate parameter \"" + name + "\"");
      }
    }
    r.end();
    for (String required : new String[] {"user", "database"}) {
      String v = params.get(required);
      if (v == null || v.isEmpty()) {
        throw new WireFormatException(
            SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
            "no "
                + (required.equals("user") ? "PostgreSQL user name" : "database name")
                + " specified in startup packet");
      }
    }
    return params;
  }
}
