/**
 * The policy model shared by both planes: immutable records for the format of docs/POLICY.md, a
 * parser that validates a document and reports every problem by JSON pointer, and a writer for the
 * canonical JSON form the store keeps. No container dependencies beyond JSON-P.
 */
package io.gatehouse.policy;
