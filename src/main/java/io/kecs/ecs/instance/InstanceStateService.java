package io.kecs.ecs.instance;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.MissingVersionException;
import io.kecs.ecs.error.NoUpdateAvailableException;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.UpdateContainerAgentRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerAgentResponse;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateResponse;

/** UpdateContainerInstancesState (ACTIVE / DRAINING) and UpdateContainerAgent. */
public final class InstanceStateService {
  private static final int MAX_UPDATE = 10;

  private final ContainerInstanceService instances;
  private final ContainerInstanceStore store;

  public InstanceStateService(ContainerInstanceService instances) {
    this.instances = instances;
    this.store = instances.store();
  }

  /**
   * Moves instances between ACTIVE and DRAINING. Unknown instances are failures with reason
   * MISSING, deregistered ones with reason INACTIVE; the others are answered whether or not their
   * status changed, and only a change counts as a new version. Placement and service draining read
   * the status, so setting it is all DRAINING takes here.
   */
  public UpdateContainerInstancesStateResponse updateContainerInstancesState(
      RequestContext ctx, UpdateContainerInstancesStateRequest request) {
    Arn cluster =
        ContainerInstanceStore.clusterArn(
            instances.clusters().requireActive(ctx, request.cluster()));
    String status = request.statusAsString();
    if (!ContainerInstanceStore.ACTIVE.equals(status)
        && !ContainerInstanceStore.DRAINING.equals(status)) {
      throw new InvalidParameterException(
          "Container instances can only be set to ACTIVE or DRAINING, not " + status + ".");
    }
    List<String> refs = request.containerInstances();
    if (refs.isEmpty() || refs.size() > MAX_UPDATE) {
      throw new InvalidParameterException(
          "containerInstances must have between 1 and "
              + MAX_UPDATE
              + " items, but had "
              + refs.size()
              + ".");
    }
    Map<String, ContainerInstance> updated = new LinkedHashMap<>();
    List<ContainerInstance> changed = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    synchronized (store) {
      for (String ref : refs) {
        Optional<ContainerInstance> found = store.find(cluster, ref);
        if (found.isEmpty()) {
          failures.add(failure(ContainerInstanceStore.failureArn(cluster, ref), "MISSING"));
        } else if (!ContainerInstanceStore.isLive(found.get())) {
          failures.add(failure(found.get().containerInstanceArn(), "INACTIVE"));
        } else if (status.equals(found.get().status())) {
          updated.putIfAbsent(found.get().containerInstanceArn(), found.get());
        } else {
          ContainerInstance saved = store.change(found.get(), b -> b.status(status));
          updated.put(saved.containerInstanceArn(), saved);
          changed.add(saved);
        }
      }
    }
    instances.changed(cluster);
    changed.forEach(instances::statusChanged);
    return UpdateContainerInstancesStateResponse.builder()
        .containerInstances(
            updated.values().stream()
                .map(ci -> instances.view().shape(ci, InstanceView.Include.NONE, instances.usage()))
                .toList())
        .failures(failures)
        .build();
  }

  /**
   * KECS distributes no agent builds, so no agent it knows of can be updated: an instance whose
   * agent reported its version gets NoUpdateAvailableException (what ECS answers when the agent is
   * already the latest), one that reported none MissingVersionException (what ECS answers when it
   * cannot tell the agent's version). No update is ever started, so agentUpdateStatus stays unset.
   */
  public UpdateContainerAgentResponse updateContainerAgent(
      RequestContext ctx, UpdateContainerAgentRequest request) {
    Arn cluster =
        ContainerInstanceStore.clusterArn(
            instances.clusters().requireActive(ctx, request.cluster()));
    ContainerInstance current = instances.require(cluster, request.containerInstance());
    String id = ContainerInstanceStore.arn(current).lastSegment();
    if (!ContainerInstanceStore.isLive(current)) {
      throw new ClientException("Container instance " + id + " is inactive.");
    }
    String agentVersion =
        current.versionInfo() == null ? null : current.versionInfo().agentVersion();
    if (agentVersion == null || agentVersion.isEmpty()) {
      throw new MissingVersionException(
          "Amazon ECS is unable to determine the current version of the Amazon ECS container"
              + " agent on container instance "
              + id
              + " and does not have enough information to proceed with an update.");
    }
    throw new NoUpdateAvailableException(
        "There is no update available for the Amazon ECS container agent "
            + agentVersion
            + " on container instance "
            + id
            + ".");
  }

  private static Failure failure(String arn, String reason) {
    return Failure.builder().arn(arn).reason(reason).build();
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add(
            "UpdateContainerInstancesState",
            UpdateContainerInstancesStateRequest.class,
            this::updateContainerInstancesState)
        .add("UpdateContainerAgent", UpdateContainerAgentRequest.class, this::updateContainerAgent);
  }
}
