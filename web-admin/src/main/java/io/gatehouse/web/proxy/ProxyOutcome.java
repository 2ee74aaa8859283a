package io.gatehouse.web.proxy;

import java.time.Duration;

/**
 * What the caller got.
 *
 * @param status the status sent to the caller; 0 if none was sent
 * @param bytes response body bytes sent to the caller (after masking)
 * @param duration from receiving the request to the end of the response
 * @param error why the exchange failed midway (the target or the caller went away); else null
 */
public record ProxyOutcome(int status, long bytes, Duration duration, String error) {}
