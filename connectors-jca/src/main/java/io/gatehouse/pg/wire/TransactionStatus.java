package io.gatehouse.pg.wire;

/** The status byte of ReadyForQuery. */
public enum TransactionStatus {
  IDLE('I'),
  IN_TRANSACTION('T'),
  FAILED('E');

  private final byte code;

  TransactionStatus(char code) {
    this.code = (byte) code;
  }

  public byte code() {
    return code;
  }

  public static TransactionStatus of(byte code) throws WireFormatException {
    for (TransactionStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new WireFormatException(
        "invalid ReadyForQuery message: unknown transaction status 0x"
            + Integer.toHexString(code & 0xff));
  }
}
