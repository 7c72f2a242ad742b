package io.kecs.http.guard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SigV4 canonical request of a received request, built the way the signer built it: the path
 * normalised and its segments URI-encoded twice (once only for S3, which signs the path as sent),
 * query parameters encoded and sorted, the signed headers trimmed with inner runs of spaces
 * collapsed, and the payload hash.
 */
final class CanonicalRequest {
  private CanonicalRequest() {}

  /**
   * @param headers request headers by lowercase name, values in order received
   * @param signedHeaders the lowercase names the signature covers, as listed in SignedHeaders
   * @param excludeParam a query parameter that is not part of the signature ({@code
   *     X-Amz-Signature} of a presigned URL), or null
   */
  static String of(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      List<String> signedHeaders,
      String payloadHash,
      String service,
      String excludeParam) {
    StringBuilder s = new StringBuilder();
    s.append(method).append('\n');
    s.append(canonicalPath(rawPath, !service.equals("s3"))).append('\n');
    s.append(canonicalQuery(rawQuery, excludeParam)).append('\n');
    for (String name : signedHeaders) {
      List<String> values = headers.getOrDefault(name, List.of());
      s.append(name).append(':');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          s.append(',');
        }
        s.append(values.get(i).trim().replaceAll(" +", " "));
      }
      s.append('\n');
    }
    s.append('\n');
    s.append(String.join(";", signedHeaders)).append('\n');
    s.append(payloadHash);
    return s.toString();
  }

  static String canonicalPath(String rawPath, boolean normaliseAndDoubleEncode) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    List<String> segments = new ArrayList<>(List.of(rawPath.split("/", -1)));
    segments.remove(0);
    if (normaliseAndDoubleEncode) {
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < segments.size(); i++) {
        String seg = segments.get(i);
        boolean last = i == segments.size() - 1;
        if (seg.equals(".") || (seg.isEmpty() && !last)) {
          continue;
        }
        if (seg.equals("..")) {
          if (!kept.isEmpty()) {
            kept.remove(kept.size() - 1);
          }
          continue;
        }
        kept.add(seg);
      }
      segments = kept;
    }
    StringBuilder out = new StringBuilder();
    for (String seg : segments) {
      String once = encode(decode(seg));
      out.append('/').append(normaliseAndDoubleEncode ? encode(once) : once);
    }
    return out.isEmpty() ? "/" : out.toString();
  }

  static String canonicalQuery(String rawQuery, String excludeParam) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? "" : decode(part.substring(eq + 1));
      if (name.equals(excludeParam)) {
        continue;
      }
      pairs.add(new String[] {encode(name), encode(value)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder();
    for (String[] p : pairs) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  /** SigV4's UriEncode: every byte but A-Z a-z 0-9 - . _ ~ as %XY with uppercase hex. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Percent-decoding that keeps '+' as is (SigV4 clients encode a space as %20). */
  static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write((hi << 4) | lo);
          i += 3;
          continue;
        }
      }
      int cp = text.codePointAt(i);
      byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
      i += Character.charCount(cp);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
