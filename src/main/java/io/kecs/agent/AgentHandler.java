package io.kecs.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.ecs.task.TaskDirectory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ECS agent's task endpoints on KECS's API port, in front of the AWS API: {@code /v4/<endpoint
 * id>[/task|/taskWithTags|/stats|/task/stats]} (and the same under {@code /v3/}), {@code
 * /v2/credentials/<id>}. An endpoint id is {@code <task id>.<container name>} (a container's {@code
 * ECS_CONTAINER_METADATA_URI_V4}) or a bare task id, which answers the task-level paths. Errors
 * take the agent's shapes: metadata errors are a JSON string, credentials errors {@code {"code",
 * "message"}}.
 */
public final class AgentHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(AgentHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENVIRONMENT_PREFIX = "/_kecs/tasks/";
  private static final String ENVIRONMENT_SUFFIX = "/environment";

  private final TaskDirectory tasks;
  private final CredentialsService credentials;
  private final Clock clock;
  private final AutoCloseable closeable;
  private final Supplier<URI> endpoint;

  private AgentHandler(
      Handler next,
      TaskDirectory tasks,
      CredentialsService credentials,
      Clock clock,
      AutoCloseable closeable,
      Supplier<URI> endpoint) {
    super(next);
    this.endpoint = endpoint;
    this.tasks = tasks;
    this.credentials = credentials;
    this.clock = clock;
    this.closeable = closeable;
  }

  private volatile io.kecs.runtime.ContainerUsage usage;

  /**
   * @param awsBackend where task-role credentials are assumed (STS); null: KECS mints them
   * @param endpoint KECS's API URL, the agent address of tasks that run nowhere
   */
  public static AgentHandler in(
      Handler next, TaskDirectory tasks, URI awsBackend, Clock clock, Supplier<URI> endpoint) {
    CredentialSource source =
        awsBackend == null ? new MintedCredentials(clock) : new StsCredentials(awsBackend);
    return new AgentHandler(
        next,
        tasks,
        new CredentialsService(tasks, source, clock),
        clock,
        source instanceof AutoCloseable c ? c : null,
        endpoint);
  }

  /** Stats then report what {@code measured} says the containers use; null: zeros. */
  public AgentHandler measuredBy(io.kecs.runtime.ContainerUsage measured) {
    this.usage = measured;
    return this;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    boolean metadata = path.startsWith("/v4/") || path.startsWith("/v3/");
    boolean creds = path.equals("/v2/credentials") || path.startsWith("/v2/credentials/");
    boolean env = path.startsWith(ENVIRONMENT_PREFIX) && path.endsWith(ENVIRONMENT_SUFFIX);
    if (env && "GET".equals(request.getMethod())) {
      return environment(path, response, callback);
    }
    if (!metadata && !creds) {
      return super.handle(request, response, callback);
    }
    if (!"GET".equals(request.getMethod())) {
      return write(response, callback, 405, JSON.valueToTree("Method not allowed"));
    }
    if (creds) {
      return credentials(path, request.getHeaders().get("X-Forwarded-For"), response, callback);
    }
    return metadata(path.substring(4), path.substring(1, 3), response, callback);
  }

  private boolean metadata(String rest, String version, Response response, Callback callback) {
    int slash = rest.indexOf('/');
    String endpointId = slash < 0 ? rest : rest.substring(0, slash);
    String what = slash < 0 ? "" : rest.substring(slash);
    String prefix = version.toUpperCase();
    int dot = endpointId.indexOf('.');
    String taskId = PodUids.taskId(dot < 0 ? endpointId : endpointId.substring(0, dot));
    String containerName = dot < 0 ? null : endpointId.substring(dot + 1);
    Optional<TaskDirectory.Entry> entry = taskId.isEmpty() ? Optional.empty() : tasks.byId(taskId);
    String handler =
        switch (what) {
          case "", "/" -> "container metadata";
          case "/task", "/taskWithTags" -> "task metadata";
          case "/stats" -> "container stats";
          case "/task/stats" -> "task stats";
          default -> null;
        };
    if (handler == null) {
      return write(response, callback, 404, JSON.valueToTree("404 page not found"));
    }
    String errorPrefix = prefix + " " + handler + " handler: ";
    if (entry.isEmpty()) {
      return write(
          response,
          callback,
          404,
          JSON.valueToTree(
              errorPrefix + "unable to get task for endpoint ID '" + endpointId + "': not found"));
    }
    TaskDirectory.Entry e = entry.get();
    Optional<software.amazon.awssdk.services.ecs.model.Container> container =
        containerName == null
            ? Optional.empty()
            : MetadataMapper.containerNamed(e.task(), containerName);
    if (containerName != null && container.isEmpty()) {
      return write(
          response,
          callback,
          404,
          JSON.valueToTree(
              errorPrefix
                  + "task "
                  + e.task().taskArn()
                  + " has no container named '"
                  + containerName
                  + "'"));
    }
    boolean needsContainer = what.isEmpty() || what.equals("/") || what.equals("/stats");
    if (needsContainer && container.isEmpty()) {
      return write(
          response,
          callback,
          404,
          JSON.valueToTree(
              errorPrefix
                  + "endpoint ID '"
                  + endpointId
                  + "' names a task, not a container; use /"
                  + version
                  + "/"
                  + taskId
                  + ".<container name>"));
    }
    JsonNode body =
        switch (what) {
          case "/task" -> MetadataMapper.task(e, false, clock.instant());
          case "/taskWithTags" -> MetadataMapper.task(e, true, clock.instant());
          case "/stats" -> StatsMapper.container(e, container.get(), clock.instant(), usage);
          case "/task/stats" -> StatsMapper.task(e, clock.instant(), usage);
          default -> MetadataMapper.container(e, container.get());
        };
    return write(response, callback, 200, body);
  }

  /**
   * {@code GET /_kecs/tasks/<task id>/environment}: per container, the variables a container of
   * this task gets, pointing at KECS's API port, so code run outside any container (tests, the
   * simulated runtime) can use the agent's endpoints as a container would.
   */
  private boolean environment(String path, Response response, Callback callback) {
    String taskId =
        path.substring(ENVIRONMENT_PREFIX.length(), path.length() - ENVIRONMENT_SUFFIX.length());
    Optional<TaskDirectory.Entry> entry = tasks.byId(taskId);
    if (entry.isEmpty()) {
      return error(response, callback, 404, "ResourceNotFoundException", "No task " + taskId);
    }
    String base = endpoint.get().toString();
    ObjectNode out = JSON.createObjectNode();
    entry
        .get()
        .task()
        .containers()
        .forEach(
            c -> {
              ObjectNode vars = out.putObject(c.name());
              TaskEnvironment.of(
                      entry.get().task(), entry.get().definition(), c.name(), base, false, base)
                  .forEach(vars::put);
            });
    return write(response, callback, 200, out);
  }

  private boolean credentials(String path, String caller, Response response, Callback callback) {
    String prefix = "CredentialsV2Request: ";
    String id =
        path.length() > "/v2/credentials/".length()
            ? path.substring("/v2/credentials/".length())
            : "";
    if (id.isEmpty()) {
      return error(
          response, callback, 400, "NoIdInRequest", prefix + "No Credential ID in the request");
    }
    CredentialsService.Answer answer;
    try {
      answer = credentials.credentials(id, caller);
    } catch (CredentialSource.CredentialsUnavailableException ex) {
      LOG.warn("Credentials for {} unavailable: {}", id, ex.getMessage());
      return error(response, callback, 500, "InternalServerError", prefix + ex.getMessage());
    }
    if (answer.refusal() != null) {
      return switch (answer.refusal()) {
        case MALFORMED, UNKNOWN ->
            error(response, callback, 400, "InvalidIdInRequest", prefix + "Credentials not found");
        case NO_ROLE ->
            error(
                response,
                callback,
                400,
                "NoCredentialsAssociated",
                prefix + "The task has no such role; no credentials are associated with this ID");
      };
    }
    RoleCredentials c = answer.credentials();
    ObjectNode n = JSON.createObjectNode();
    n.put("RoleArn", c.roleArn());
    n.put("AccessKeyId", c.accessKeyId());
    n.put("SecretAccessKey", c.secretAccessKey());
    n.put("Token", c.token());
    n.put("Expiration", c.expiration().toString());
    return write(response, callback, 200, n);
  }

  private static boolean error(
      Response response, Callback callback, int status, String code, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("code", code);
    n.put("message", message);
    return write(response, callback, status, n);
  }

  private static boolean write(Response response, Callback callback, int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }

  @Override
  protected void doStop() throws Exception {
    super.doStop();
    if (closeable != null) {
      closeable.close();
    }
  }
}
