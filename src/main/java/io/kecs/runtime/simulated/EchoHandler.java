package io.kecs.runtime.simulated;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers a request for a simulated container's port with a JSON echo: {@code taskArn}, {@code
 * taskId}, {@code container}, {@code address}, {@code port}, {@code method}, {@code path}, {@code
 * query} (null when none) and {@code headers} (name as sent: list of values), with the status the
 * container's environment asks for. A request for an address no running container has is treated as
 * a refused connection: the connection is closed without an answer.
 */
final class EchoHandler extends Handler.Abstract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SimulatedEcho echo;

  EchoHandler(SimulatedEcho echo) {
    this.echo = echo;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Optional<SimulatedEcho.Endpoint> endpoint =
        echo.endpoint(request.getHeaders().get(SimulatedEcho.HEADER));
    if (endpoint.isEmpty()) {
      request.getConnectionMetaData().getConnection().getEndPoint().close();
      // Quiet: a refused connection is the expected answer, not a server fault to log.
      callback.failed(new org.eclipse.jetty.io.EofException("no simulated container here"));
      return true;
    }
    SimulatedEcho.Endpoint e = endpoint.get();
    ObjectNode body = JSON.createObjectNode();
    body.put("taskArn", e.taskArn());
    body.put("taskId", e.taskArn().substring(e.taskArn().lastIndexOf('/') + 1));
    body.put("container", e.container());
    body.put("address", e.address());
    body.put("port", e.port());
    body.put("method", request.getMethod());
    body.put("path", request.getHttpURI().getPath());
    body.put("query", request.getHttpURI().getQuery());
    ObjectNode headers = body.putObject("headers");
    for (HttpField f : request.getHeaders()) {
      if (!f.is(SimulatedEcho.HEADER)) {
        ArrayNode values =
            headers.has(f.getName())
                ? (ArrayNode) headers.get(f.getName())
                : headers.putArray(f.getName());
        values.add(f.getValue());
      }
    }
    byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    response.setStatus(e.statusAt(Instant.now()));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }
}
