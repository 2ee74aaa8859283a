package io.gatehouse.sql;

import java.util.List;

/**
 * One statement of a SQL text: its offsets in the original text and its tokens. An incomplete slice
 * ends in an unterminated string, identifier, comment or dollar quote and runs to the end.
 */
record StatementSlice(int start, int end, List<Token> tokens, boolean complete) {}
