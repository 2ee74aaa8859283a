package io.gatehouse.pg.wire;

import io.gatehouse.pg.wire.FrontendMessage.AuthenticationResponse;
import io.gatehouse.pg.wire.FrontendMessage.Bind;
import io.gatehouse.pg.wire.FrontendMessage.Close;
import io.gatehouse.pg.wire.FrontendMessage.CopyData;
import io.gatehouse.pg.wire.FrontendMessage.CopyDone;
import io.gatehouse.pg.wire.FrontendMessage.CopyFail;
import io.gatehouse.pg.wire.FrontendMessage.Describe;
import io.gatehouse.pg.wire.FrontendMessage.Execute;
import io.gatehouse.pg.wire.FrontendMessage.Flush;
import io.gatehouse.pg.wire.FrontendMessage.FunctionCall;
import io.gatehouse.pg.wire.FrontendMessage.Parse;
import io.gatehouse.pg.wire.FrontendMessage.Query;
import io.gatehouse.pg.wire.FrontendMessage.Sync;
import io.gatehouse.pg.wire.FrontendMessage.Terminate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Parses typed frontend frames; an unknown type byte is a protocol violation. */
public final class FrontendMessages {
  private FrontendMessages() {}

  public static FrontendMessage parse(Frame frame) throws WireFormatException {
    byte type = frame.type();
    WireReader r = new WireReader(frame.body(), FrontendCode.name(type));
    FrontendMessage m =
        switch (type) {
          case FrontendCode.QUERY -> new Query(r.cstring());
          case FrontendCode.PARSE -> parse(r);
          case FrontendCode.BIND -> bind(r);
          case FrontendCode.DESCRIBE -> new Describe(kind(r), r.cstring());
          case FrontendCode.CLOSE -> new Close(kind(r), r.cstring());
          case FrontendCode.EXECUTE -> new Execute(r.cstring(), r.int32());
          case FrontendCode.SYNC -> new Sync();
          case FrontendCode.FLUSH -> new Flush();
          case FrontendCode.TERMINATE -> new Terminate();
          case FrontendCode.FUNCTION_CALL -> new FunctionCall(r.int32(), r.rest());
          case FrontendCode.PASSWORD -> new AuthenticationResponse(r.rest());
          case FrontendCode.COPY_DATA -> new CopyData(r.rest());
          case FrontendCode.COPY_DONE -> new CopyDone();
          case FrontendCode.COPY_FAIL -> new CopyFail(r.cstring());
          default ->
              throw new WireFormatException("invalid frontend message type " + (type & 0xff));
        };
    r.end();
    return m;
  }

  private static Parse parse(WireReader r) throws WireFormatException {
    String statement = r.cstring();
    String query = r.cstring();
    int n = r.count16();
    List<Integer> types = new ArrayList<>(Math.min(n, r.remaining() / 4));
    for (int i = 0; i < n; i++) {
      types.add(r.int32());
    }
    return new Parse(statement, query, types);
  }

  private static Bind bind(WireReader r) throws WireFormatException {
    String portal = r.cstring();
    String statement = r.cstring();
    List<Integer> paramFormats = formats(r);
    int n = r.count16();
    List<ByteBuffer> values = new ArrayList<>(Math.min(n, r.remaining() / 4));
    for (int i = 0; i < n; i++) {
      int len = r.int32();
      if (len < -1) {
        throw r.error("invalid parameter length " + len);
      }
      values.add(len == -1 ? null : r.slice(len));
    }
    if (paramFormats.size() > 1 && paramFormats.size() != n) {
      throw r.error(paramFormats.size() + " parameter formats for " + n + " parameters");
    }
    return new Bind(portal, statement, paramFormats, values, formats(r));
  }

  private static List<Integer> formats(WireReader r) throws WireFormatException {
    int n = r.count16();
    List<Integer> formats = new ArrayList<>(Math.min(n, r.remaining() / 2));
    for (int i = 0; i < n; i++) {
      int f = r.int16();
      if (f != 0 && f != 1) {
        throw r.error("unsupported format code " + f);
      }
      formats.add(f);
    }
    return formats;
  }

  private static byte kind(WireReader r) throws WireFormatException {
    byte k = r.int8();
    if (k != 'S' && k != 'P') {
      throw r.error("kind must be 'S' or 'P'");
    }
    return k;
  }
}
