package io.kecs.http.guard;

import java.util.HashMap;
import java.util.Map;

/** The {@code X-Amz-*} parameters of a presigned URL's query, decoded. */
final class QueryAuth {
  private QueryAuth() {}

  static Map<String, String> params(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String part : rawQuery.split("&")) {
      int eq = part.indexOf('=');
      String name = CanonicalRequest.decode(eq < 0 ? part : part.substring(0, eq));
      if (name.startsWith("X-Amz-")) {
        out.put(name, eq < 0 ? "" : CanonicalRequest.decode(part.substring(eq + 1)));
      }
    }
    return out;
  }
}
