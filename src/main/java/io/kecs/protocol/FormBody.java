package io.kecs.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * {@code application/x-www-form-urlencoded} text (awsQuery bodies, query strings) as parameters in
 * their order; the first value of a repeated name wins, as AWS query services read them.
 */
public final class FormBody {
  private FormBody() {}

  /**
   * @throws IllegalArgumentException for malformed percent-escapes or invalid UTF-8
   */
  public static Map<String, String> decode(String text) {
    if (text == null || text.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    UrlEncoded.decodeTo(text, out::putIfAbsent, StandardCharsets.UTF_8);
    return Collections.unmodifiableMap(out);
  }

  public static Map<String, String> decode(byte[] body) {
    return decode(new String(body, StandardCharsets.UTF_8));
  }
}
