package io.kecs.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code kecs agent}: what the ECS agent is on an instance, for one node. It answers where
 * containers look for it (169.254.170.2:80) and forwards the agent's paths (metadata, credentials)
 * to KECS, naming the caller's address in {@code X-Forwarded-For}; anything else is refused, so it
 * is no open proxy to KECS's API.
 */
public final class NodeAgent implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Server jetty;
  private final ServerConnector connector;

  private NodeAgent(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  /** Listens on {@code host:port} (port 0: any) and forwards to {@code kecs}. */
  public static NodeAgent start(String host, int port, URI kecs) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("kecs-agent");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(host);
    connector.setPort(port);
    jetty.addConnector(connector);
    jetty.setHandler(new Forwarder(kecs));
    jetty.start();
    return new NodeAgent(jetty, connector);
  }

  public int port() {
    return connector.getLocalPort();
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }

  private static final class Forwarder extends Handler.Abstract {
    private final URI kecs;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Forwarder(URI kecs) {
      this.kecs = kecs;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      boolean agentPath =
          path.startsWith("/v4/") || path.startsWith("/v3/") || path.startsWith("/v2/credentials");
      if (!agentPath) {
        return write(response, callback, 404, "application/json", "\"404 page not found\"");
      }
      if (!"GET".equals(request.getMethod())) {
        return write(response, callback, 405, "application/json", "\"Method not allowed\"");
      }
      String caller = Request.getRemoteAddr(request);
      try {
        HttpResponse<byte[]> r =
            http.send(
                HttpRequest.newBuilder(kecs.resolve(path))
                    .timeout(TIMEOUT)
                    .header("X-Forwarded-For", caller)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        response.setStatus(r.statusCode());
        response
            .getHeaders()
            .put(
                HttpHeader.CONTENT_TYPE,
                r.headers().firstValue("Content-Type").orElse("application/json"));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, r.body().length);
        response.write(true, ByteBuffer.wrap(r.body()), callback);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return write(response, callback, 503, "application/json", unavailable(e));
      } catch (java.io.IOException e) {
        return write(response, callback, 502, "application/json", unavailable(e));
      }
    }

    private String unavailable(Exception e) {
      return "{\"code\":\"InternalServerError\",\"message\":\"KECS at "
          + kecs
          + " did not answer: "
          + String.valueOf(e.getMessage()).replace("\"", "'")
          + "\"}";
    }

    private static boolean write(
        Response response, Callback callback, int status, String type, String body) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
      response.write(true, ByteBuffer.wrap(bytes), callback);
      return true;
    }
  }
}
