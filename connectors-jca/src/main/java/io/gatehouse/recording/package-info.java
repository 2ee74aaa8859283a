/**
 * Recording on the data path: each event is appended to a local spool before the statement or
 * command it describes is forwarded, and shipped in batches to the store. The spool is an
 * append-only file of CRC-framed records, so a crash can only tear the last record, which recovery
 * drops (it was never acknowledged).
 */
package io.gatehouse.recording;
