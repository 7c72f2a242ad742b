package io.kecs.protocol;

import java.util.Map;

/**
 * A module's answer to one call.
 *
 * @param action the operation it was, for metrics ({@code unknown} when none matched)
 * @param headers extra response headers (e.g. {@code x-amzn-ErrorType})
 */
public record ApiAnswer(
    int status, String contentType, Map<String, String> headers, byte[] body, String action) {
  public ApiAnswer {
    headers = Map.copyOf(headers);
  }
}
