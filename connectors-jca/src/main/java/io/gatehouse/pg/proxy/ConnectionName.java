package io.gatehouse.pg.proxy;

import io.gatehouse.pg.wire.SqlState;
import io.gatehouse.pg.wire.WireFormatException;

/**
 * The PostgreSQL {@code dbname} names the connection, optionally with another database of it:
 * {@code orders-prod} or {@code orders-prod/reporting}.
 */
record ConnectionName(String connection, String database) {

  static ConnectionName parse(String dbname) throws WireFormatException {
    if (dbname == null || dbname.isBlank()) {
      throw new WireFormatException(
          SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "no connection named: set dbname to a Gatehouse connection name");
    }
    int slash = dbname.indexOf('/');
    if (slash < 0) {
      return new ConnectionName(dbname, null);
    }
    String connection = dbname.substring(0, slash);
    String database = dbname.substring(slash + 1);
    if (connection.isEmpty() || database.isEmpty() || database.indexOf('/') >= 0) {
      throw new WireFormatException(
          SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "dbname must be <connection> or <connection>/<database>, not \"" + dbname + "\"");
    }
    return new ConnectionName(connection, database);
  }
}
