package io.kecs.elbv2.dataplane;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/** Reads a Jetty request into the {@link HttpRequestView} rules are evaluated on. */
final class RequestViews {
  private RequestViews() {}

  static HttpRequestView of(Request request, HostHeader host) {
    Map<String, List<String>> headers = new HashMap<>();
    for (HttpField f : request.getHeaders()) {
      headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
    }
    String path = request.getHttpURI().getPath();
    return new HttpRequestView(
        host.name(),
        path == null || path.isEmpty() ? "/" : path,
        request.getMethod(),
        headers,
        query(request.getHttpURI().getQuery()),
        source(Request.getRemoteAddr(request)));
  }

  static List<Map.Entry<String, String>> query(String query) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(Map.entry(decode(key), decode(value)));
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static InetAddress source(String address) {
    try {
      // The connection's remote address: a literal, never looked up.
      return address == null ? null : InetAddress.getByName(address);
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }
}
