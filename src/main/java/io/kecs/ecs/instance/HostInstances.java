package io.kecs.ecs.instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.Names;
import io.kecs.ecs.error.ClientException;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.RequestContext;
import io.kecs.runtime.HostObservation;
import io.kecs.runtime.HostRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.VersionInfo;

/**
 * Container instances for a runtime's own hosts (Kubernetes nodes), all in one cluster (created
 * when needed). A ready host registers as an agent would, by its host id as {@code ec2InstanceId},
 * so a KECS restart re-registers the same instance; a host that stops answering keeps its instance
 * with {@code agentConnected=false} (no placement there); a host that goes is deregistered. Moving
 * one of these instances to DRAINING or back is passed to the runtime.
 */
public final class HostInstances implements HostRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(HostInstances.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSTANCE_TYPE = "ecs.instance-type";
  private static final String ZONE = "ecs.availability-zone";

  private final ContainerInstanceService instances;
  private final ClusterService clusters;
  private final RequestContext ctx;
  private final String clusterName;
  private final Arn clusterArn;
  private final BiConsumer<String, Boolean> drain;

  /**
   * @param drain told {@code (hostId, draining)} when one of these instances changes status
   */
  public HostInstances(
      ContainerInstanceService instances,
      ClusterService clusters,
      Scope scope,
      String clusterName,
      BiConsumer<String, Boolean> drain) {
    if (!Names.isValidName(clusterName)) {
      throw new IllegalArgumentException("Not a valid cluster name: " + clusterName);
    }
    this.instances = instances;
    this.clusters = clusters;
    this.ctx = new RequestContext("kecs-hosts", scope);
    this.clusterName = clusterName;
    this.clusterArn = Arn.ecs(scope, "cluster", clusterName);
    this.drain = drain;
    instances.addStatusListener(this::statusChanged);
  }

  @Override
  public void observe(HostObservation host) {
    try {
      switch (host.status()) {
        case READY -> register(host);
        case NOT_READY -> disconnect(host.hostId());
        case GONE -> deregister(host.hostId());
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot keep the container instance of host {}: {}", host.hostId(), e.getMessage());
    }
  }

  @Override
  public Optional<String> hostOf(String containerInstanceArn) {
    return Arn.parse(containerInstanceArn)
        .flatMap(instances.store()::get)
        .filter(ContainerInstanceStore::isLive)
        .filter(this::inHostCluster)
        .map(ContainerInstance::ec2InstanceId);
  }

  @Override
  public Optional<String> instanceOf(String hostId, String clusterArn) {
    if (!this.clusterArn.toString().equals(clusterArn)) {
      return Optional.empty();
    }
    return live(hostId).map(ContainerInstance::containerInstanceArn);
  }

  private void register(HostObservation host) {
    clusters.createCluster(ctx, CreateClusterRequest.builder().clusterName(clusterName).build());
    RegisterContainerInstanceRequest request = request(host);
    try {
      instances
          .registration()
          .register(clusterArn, request, b -> b.capacityProviderName(host.capacityProvider()));
    } catch (ClientException e) {
      // The node's instance type label changed: ECS keeps types fixed, so it is a new instance.
      LOG.info(
          "Host {} re-registers as a new container instance: {}", host.hostId(), e.getMessage());
      deregister(host.hostId());
      instances
          .registration()
          .register(clusterArn, request, b -> b.capacityProviderName(host.capacityProvider()));
    }
  }

  private RegisterContainerInstanceRequest request(HostObservation host) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("instanceId", host.hostId());
    doc.put("region", clusterArn.region());
    Map<String, String> attrs = host.attributes();
    if (attrs.containsKey(INSTANCE_TYPE)) {
      doc.put("instanceType", attrs.get(INSTANCE_TYPE));
    }
    if (attrs.containsKey(ZONE)) {
      doc.put("availabilityZone", attrs.get(ZONE));
    }
    List<Attribute> attributes = new ArrayList<>();
    attrs.forEach(
        (name, value) -> {
          if (!name.equals(INSTANCE_TYPE) && !name.equals(ZONE)) {
            attributes.add(InstanceAttributes.plain(name, value));
          }
        });
    List<Resource> resources = new ArrayList<>();
    resources.add(InstanceResources.integer("CPU", host.cpu()));
    resources.add(InstanceResources.integer("MEMORY", host.memory()));
    resources.add(
        Resource.builder()
            .name("PORTS")
            .type("STRINGSET")
            .stringSetValue(host.reservedPorts())
            .build());
    if (host.pods() > 0) {
      resources.add(InstanceResources.integer("PODS", host.pods()));
    }
    return RegisterContainerInstanceRequest.builder()
        .cluster(clusterName)
        .instanceIdentityDocument(doc.toString())
        .totalResources(resources)
        .attributes(attributes)
        .versionInfo(
            VersionInfo.builder()
                .agentVersion(host.agentVersion())
                .dockerVersion(host.runtimeVersion())
                .build())
        .build();
  }

  private void disconnect(String hostId) {
    ContainerInstanceStore store = instances.store();
    synchronized (store) {
      live(hostId)
          .filter(ci -> !Boolean.FALSE.equals(ci.agentConnected()))
          .ifPresent(ci -> store.change(ci, b -> b.agentConnected(false)));
    }
  }

  private void deregister(String hostId) {
    ContainerInstanceStore store = instances.store();
    synchronized (store) {
      live(hostId)
          .ifPresent(
              ci ->
                  store.change(
                      ci, b -> b.status(ContainerInstanceStore.INACTIVE).agentConnected(false)));
    }
  }

  private Optional<ContainerInstance> live(String hostId) {
    return instances
        .store()
        .liveIn(clusterArn)
        .filter(ci -> hostId.equals(ci.ec2InstanceId()))
        .findFirst();
  }

  private void statusChanged(ContainerInstance ci) {
    if (inHostCluster(ci)) {
      drain.accept(ci.ec2InstanceId(), ContainerInstanceStore.DRAINING.equals(ci.status()));
    }
  }

  private boolean inHostCluster(ContainerInstance ci) {
    String path = ContainerInstanceStore.arn(ci).resourcePath();
    return ContainerInstanceStore.arn(ci).scope().equals(clusterArn.scope())
        && path.startsWith(clusterArn.resourcePath() + "/");
  }
}
