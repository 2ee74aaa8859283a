/**
 * PostgreSQL wire protocol v3 building blocks: message codes ({@link
 * io.gatehouse.pg.wire.FrontendCode}, {@link io.gatehouse.pg.wire.BackendCode}), framing on NIO
 * buffers ({@link io.gatehouse.pg.wire.FrameDecoder}, {@link io.gatehouse.pg.wire.StartupDecoder}),
 * small standalone parsers ({@link io.gatehouse.pg.wire.FrontendMessages}, {@link
 * io.gatehouse.pg.wire.BackendMessages}, {@link io.gatehouse.pg.wire.StartupPackets}), encoders for
 * what the gateway says itself ({@link io.gatehouse.pg.wire.BackendEncoder}, {@link
 * io.gatehouse.pg.wire.FrontendEncoder}) and the masking hot path ({@link
 * io.gatehouse.pg.wire.DataRowRewriter}). No I/O and no state machine here: every malformed input
 * ends in a {@link io.gatehouse.pg.wire.WireFormatException}, whose message can be sent to the peer
 * as a FATAL ErrorResponse. Strings are UTF-8 (the gateway requires client_encoding UTF8).
 */
package io.gatehouse.pg.wire;
