package io.kecs.elbv2.dataplane;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small HTTP server on 127.0.0.1, an ip target: answers its name with the status set, and keeps
 * the last request's headers.
 */
final class TestTarget implements AutoCloseable {
  final String name;
  final AtomicInteger status = new AtomicInteger(200);
  final AtomicReference<Map<String, List<String>>> lastHeaders = new AtomicReference<>();
  private final HttpServer server;

  TestTarget(String name) throws IOException {
    this.name = name;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          lastHeaders.set(Map.copyOf(exchange.getRequestHeaders()));
          byte[] body = name.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
