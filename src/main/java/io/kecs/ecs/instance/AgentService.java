package io.kecs.ecs.instance;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.ClusterNotFoundException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.AttachmentStateChange;
import software.amazon.awssdk.services.ecs.model.ContainerStateChange;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointRequest;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointResponse;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.SubmitAttachmentStateChangesRequest;
import software.amazon.awssdk.services.ecs.model.SubmitAttachmentStateChangesResponse;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeResponse;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeResponse;

/**
 * The calls only the ECS agent makes after registering: DiscoverPollEndpoint and the three state
 * reports. Reports are checked here (cluster, task and attachment references, statuses, ports) and
 * handed to {@link AgentReports}; the answer is the acknowledgment {@value #ACK}.
 */
public final class AgentService {
  static final String ACK = "ACK";
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9-]{1,64}");

  /** Task statuses of the ECS task lifecycle, plus MANIFEST_PULLED, which current agents send. */
  private static final Set<String> TASK_STATUSES =
      Set.of(
          "PROVISIONING",
          "PENDING",
          "MANIFEST_PULLED",
          "ACTIVATING",
          "RUNNING",
          "DEACTIVATING",
          "STOPPING",
          "DEPROVISIONING",
          "STOPPED");

  private final ContainerInstanceService instances;
  private final Supplier<URI> endpoint;
  private volatile AgentReports reports = AgentReports.NONE;

  /**
   * @param endpoint the URL KECS serves its API at
   */
  public AgentService(ContainerInstanceService instances, Supplier<URI> endpoint) {
    this.instances = instances;
    this.endpoint = endpoint;
  }

  /** Wires the task aggregate, which applies the reports. */
  public void connectReports(AgentReports reports) {
    this.reports = reports;
  }

  /**
   * Real ECS answers the websocket endpoints of its agent communication (ACS), telemetry (TCS) and
   * Service Connect services. KECS answers its own API endpoint for all three, so an agent pointed
   * at KECS never reaches out to AWS; KECS serves no agent websockets, so a real agent gets no work
   * through them. The cluster and container instance, when given, must exist.
   */
  public DiscoverPollEndpointResponse discoverPollEndpoint(
      RequestContext ctx, DiscoverPollEndpointRequest request) {
    if (request.cluster() != null || request.containerInstance() != null) {
      Arn cluster;
      try {
        cluster =
            ContainerInstanceStore.clusterArn(
                instances.clusters().requireActive(ctx, request.cluster()));
      } catch (ClusterNotFoundException e) {
        throw new ClientException(EcsMessages.CLUSTER_NOT_FOUND);
      }
      if (request.containerInstance() != null) {
        requireInstance(cluster, request.containerInstance());
      }
    }
    String url = endpoint.get().toString();
    String base = url.endsWith("/") ? url : url + "/";
    return DiscoverPollEndpointResponse.builder()
        .endpoint(base)
        .telemetryEndpoint(base)
        .serviceConnectEndpoint(base)
        .build();
  }

  public SubmitTaskStateChangeResponse submitTaskStateChange(
      RequestContext ctx, SubmitTaskStateChangeRequest request) {
    Arn cluster = cluster(ctx, request.cluster());
    Arn task = task(cluster, request.task());
    if (request.status() != null && !TASK_STATUSES.contains(request.status())) {
      throw new InvalidParameterException(
          "status '" + request.status() + "' is not a task status.");
    }
    for (ContainerStateChange c : request.containers()) {
      requireContainerName(c.containerName());
      checkBindings(c.networkBindings());
    }
    checkAttachments(cluster, request.attachments());
    reports.taskStateChanged(cluster, task, request);
    return SubmitTaskStateChangeResponse.builder().acknowledgment(ACK).build();
  }

  public SubmitContainerStateChangeResponse submitContainerStateChange(
      RequestContext ctx, SubmitContainerStateChangeRequest request) {
    Arn cluster = cluster(ctx, request.cluster());
    Arn task = task(cluster, request.task());
    requireContainerName(request.containerName());
    checkBindings(request.networkBindings());
    reports.containerStateChanged(cluster, task, request);
    return SubmitContainerStateChangeResponse.builder().acknowledgment(ACK).build();
  }

  public SubmitAttachmentStateChangesResponse submitAttachmentStateChanges(
      RequestContext ctx, SubmitAttachmentStateChangesRequest request) {
    Arn cluster = cluster(ctx, request.cluster());
    if (request.attachments().isEmpty()) {
      throw new InvalidParameterException("attachments must not be empty.");
    }
    checkAttachments(cluster, request.attachments());
    reports.attachmentsChanged(cluster, request.attachments());
    return SubmitAttachmentStateChangesResponse.builder().acknowledgment(ACK).build();
  }

  private Arn cluster(RequestContext ctx, String nameOrArn) {
    return ContainerInstanceStore.clusterArn(instances.clusters().requireActive(ctx, nameOrArn));
  }

  private void requireInstance(Arn cluster, String reference) {
    if (instances
        .store()
        .find(cluster, reference)
        .filter(ContainerInstanceStore::isLive)
        .isEmpty()) {
      throw new ClientException(
          "Container instance "
              + reference
              + " is not registered in cluster "
              + cluster.resourcePath()
              + ".");
    }
  }

  /** A task id or ARN of this cluster, as the task aggregate keys tasks. */
  private static Arn task(Arn cluster, String reference) {
    if (reference == null || reference.isEmpty()) {
      throw new InvalidParameterException("task is required.");
    }
    String id = reference;
    if (Arn.looksLikeArn(reference)) {
      Arn arn =
          Arn.parse(reference)
              .filter(a -> a.service().equals("ecs") && a.resourceType().equals("task"))
              .filter(a -> a.scope().equals(cluster.scope()))
              .orElseThrow(() -> new InvalidParameterException("Invalid task ARN: " + reference));
      String path = arn.resourcePath();
      int slash = path.indexOf('/');
      if (slash >= 0 && !path.substring(0, slash).equals(cluster.resourcePath())) {
        throw new InvalidParameterException(
            "Task " + reference + " is not in cluster " + cluster.resourcePath() + ".");
      }
      id = path.substring(slash + 1);
    }
    if (!ID.matcher(id).matches()) {
      throw new InvalidParameterException("Invalid task id: " + reference);
    }
    return Arn.ecs(cluster.scope(), "task", cluster.resourcePath() + "/" + id);
  }

  private static void requireContainerName(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidParameterException("containerName is required.");
    }
  }

  private static void checkBindings(List<NetworkBinding> bindings) {
    for (NetworkBinding b : bindings) {
      checkPort("containerPort", b.containerPort());
      checkPort("hostPort", b.hostPort());
    }
  }

  private static void checkPort(String member, Integer port) {
    if (port != null && (port < 0 || port > 65535)) {
      throw new InvalidParameterException(
          member + " must be between 0 and 65535, but was " + port + ".");
    }
  }

  private static void checkAttachments(Arn cluster, List<AttachmentStateChange> changes) {
    for (AttachmentStateChange change : changes) {
      boolean valid =
          Arn.parse(change.attachmentArn())
              .filter(a -> a.service().equals("ecs") && a.resourceType().equals("attachment"))
              .filter(a -> a.scope().equals(cluster.scope()))
              .isPresent();
      if (!valid) {
        throw new InvalidParameterException("Invalid attachment ARN: " + change.attachmentArn());
      }
      if (change.status().isBlank()) {
        throw new InvalidParameterException("Attachment status must not be empty.");
      }
    }
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("DiscoverPollEndpoint", DiscoverPollEndpointRequest.class, this::discoverPollEndpoint)
        .add(
            "SubmitTaskStateChange",
            SubmitTaskStateChangeRequest.class,
            this::submitTaskStateChange)
        .add(
            "SubmitContainerStateChange",
            SubmitContainerStateChangeRequest.class,
            this::submitContainerStateChange)
        .add(
            "SubmitAttachmentStateChanges",
            SubmitAttachmentStateChangesRequest.class,
            this::submitAttachmentStateChanges);
  }
}
