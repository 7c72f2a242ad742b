package io.kecs.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.identity.Scope;
import io.kecs.store.Database;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Sits in front of the API handler: takes {@code /_kecs/ui} paths and passes every other request on
 * unchanged. Serves the page's assets, {@code events} (server-sent events of store changes in one
 * account and region), {@code api/overview} (the scopes that hold state, the runtime, the AWS
 * backend and the Kubernetes API server with whether each answers now) and {@code api/history} (a
 * service's counts over the last hour).
 */
public final class DashboardHandler extends Handler.Wrapper {
  public static final String PATH = "/_kecs/ui/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");

  /** What the page shows about the server beside the ECS state. */
  public record Context(
      Scope defaults,
      Supplier<java.util.Collection<Scope>> scopes,
      String runtime,
      URI awsBackend,
      Supplier<java.util.List<Connection>> connections) {}

  /** A connection of the server and whether it answers now (checked, not just configured). */
  public record Connection(String name, String endpoint, boolean reachable, String detail) {}

  private final Context context;
  private final ChangeStream changes = new ChangeStream();
  private final RunningHistory history = new RunningHistory(Clock.systemUTC());
  private final AssetHandler assets = new AssetHandler();

  public DashboardHandler(Handler api, Database db, Context context) {
    super(api);
    this.context = context;
    db.onChange(changes);
    db.onChange(history);
    db.onReset(history::clear);
    db.onReset(changes::reset);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    if (!path.startsWith("/_kecs/ui")) {
      return super.handle(request, response, callback);
    }
    if (path.equals("/_kecs/ui")) {
      Response.sendRedirect(request, response, callback, 302, PATH, true);
      return true;
    }
    if (!path.startsWith(PATH)) {
      return json(response, callback, 404, "{\"message\":\"no such dashboard path\"}");
    }
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      return json(response, callback, 405, "{\"message\":\"the dashboard serves GET only\"}");
    }
    String rest = path.substring(PATH.length());
    Fields query = Request.extractQueryParameters(request);
    return switch (rest) {
      case "events" -> events(query, response, callback);
      case "api/overview" -> json(response, callback, 200, overview());
      case "api/history" -> {
        String service = query.getValue("service");
        yield service == null
            ? json(response, callback, 400, "{\"message\":\"service (an ARN) is required\"}")
            : json(response, callback, 200, history.json(service));
      }
      default ->
          assets.serve(rest, response, callback)
              || json(response, callback, 404, "{\"message\":\"no such dashboard file\"}");
    };
  }

  private boolean events(Fields query, Response response, Callback callback) {
    String account = orDefault(query.getValue("account"), context.defaults().account());
    String region = orDefault(query.getValue("region"), context.defaults().region());
    if (!ACCOUNT.matcher(account).matches() || !REGION.matcher(region).matches()) {
      return json(
          response, callback, 400, "{\"message\":\"account: 12 digits; region: a region name\"}");
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    SseClient client = new SseClient(response, account, region);
    String hello =
        JSON.createObjectNode()
            .put("instance", changes.instance())
            .put("account", account)
            .put("region", region)
            .toString();
    changes.add(client);
    Thread.ofVirtual()
        .name("kecs-dashboard-events")
        .start(
            () -> {
              try {
                client.run(hello, callback);
              } finally {
                changes.remove(client);
              }
            });
    return true;
  }

  private String overview() {
    ObjectNode root = JSON.createObjectNode();
    root.put("instance", changes.instance());
    root.put("runtime", context.runtime());
    root.put("awsBackend", context.awsBackend() == null ? null : context.awsBackend().toString());
    ArrayNode connections = root.putArray("connections");
    for (Connection c : context.connections().get()) {
      connections
          .addObject()
          .put("name", c.name())
          .put("endpoint", c.endpoint())
          .put("reachable", c.reachable())
          .put("detail", c.detail());
    }
    root.putObject("defaultScope")
        .put("account", context.defaults().account())
        .put("region", context.defaults().region());
    TreeSet<Scope> scopes =
        new TreeSet<>(Comparator.comparing(Scope::account).thenComparing(Scope::region));
    scopes.add(context.defaults());
    scopes.addAll(context.scopes().get());
    ArrayNode list = root.putArray("scopes");
    scopes.forEach(s -> list.addObject().put("account", s.account()).put("region", s.region()));
    return root.toString();
  }

  @Override
  protected void doStop() throws Exception {
    changes.close();
    super.doStop();
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static boolean json(Response response, Callback callback, int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }
}
