package io.kecs.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The page's static files, read once from the jar ({@code io/kecs/dashboard/ui/}). Only names made
 * of safe characters are looked up, so no path can leave that folder.
 */
final class AssetHandler {
  private static final String ROOT = "/io/kecs/dashboard/ui/";
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "json", "application/json");

  /**
   * Scripts and styles only from the page's own origin, no inline script: a name that slipped past
   * escaping still could not run.
   */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  /** Serves {@code name} (relative to the ui folder); false when there is no such asset. */
  boolean serve(String name, Response response, Callback callback) {
    if (name.isEmpty()) {
      name = "index.html";
    }
    if (!name.matches("[a-z0-9-]+(/[a-z0-9-]+)*\\.[a-z]+")) {
      return false;
    }
    String ext = name.substring(name.lastIndexOf('.') + 1);
    String type = TYPES.get(ext);
    Optional<byte[]> body = cache.computeIfAbsent(name, AssetHandler::load);
    if (type == null || body.isEmpty()) {
      return false;
    }
    byte[] bytes = body.get();
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    // Revalidated each time, so a new KECS version never runs with a stale script.
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put("Content-Security-Policy", CSP);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }

  private static Optional<byte[]> load(String name) {
    try (InputStream in = AssetHandler.class.getResourceAsStream(ROOT + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
