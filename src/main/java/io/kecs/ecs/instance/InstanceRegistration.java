package io.kecs.ecs.instance;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceHealthStatus;
import software.amazon.awssdk.services.ecs.model.InstanceHealthCheckResult;
import software.amazon.awssdk.services.ecs.model.InstanceHealthCheckState;
import software.amazon.awssdk.services.ecs.model.InstanceHealthCheckType;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.VersionInfo;

/**
 * RegisterContainerInstance. An agent that names its container instance ARN re-registers that
 * instance (after a restart, with new resources or versions). Without an ARN, an EC2 instance that
 * already has a live container instance in the cluster re-registers that one too: real ECS can end
 * up with two records for one EC2 instance when an agent retries, which KECS avoids. A
 * re-registration keeps the ARN, status (a DRAINING instance stays DRAINING), registration time and
 * custom attributes, and counts as a change (version + 1).
 *
 * <p>ECS knows which capacity provider launched an instance; KECS launches none, so an agent names
 * its provider with the {@value #CAPACITY_PROVIDER_ATTRIBUTE} attribute, which sets the instance's
 * {@code capacityProviderName} (daemons place their tasks by it).
 */
final class InstanceRegistration {
  static final String CAPACITY_PROVIDER_ATTRIBUTE = "ecs.capacity-provider-name";

  private final ContainerInstanceStore store;
  private final TagService tags;

  InstanceRegistration(ContainerInstanceStore store, TagService tags) {
    this.store = store;
    this.tags = tags;
  }

  ContainerInstance register(Arn cluster, RegisterContainerInstanceRequest request) {
    return register(cluster, request, UnaryOperator.identity());
  }

  /**
   * @param extra what else to set on the record, for registrations KECS makes itself (a host's
   *     capacity provider)
   */
  ContainerInstance register(
      Arn cluster,
      RegisterContainerInstanceRequest request,
      UnaryOperator<ContainerInstance.Builder> extra) {
    IdentityDocument doc =
        IdentityDocument.parse(request.instanceIdentityDocument(), cluster.region());
    TagService.validate(request.tags());
    List<Resource> resources =
        InstanceResources.registered(
            request.totalResources(), request.platformDevices(), doc.instanceType());
    VersionInfo version =
        request.versionInfo() == null ? VersionInfo.builder().build() : request.versionInfo();
    synchronized (store) {
      Optional<ContainerInstance> existing = existing(cluster, request, doc);
      ContainerInstance saved;
      if (existing.isPresent()) {
        ContainerInstance current = existing.get();
        List<Attribute> attributes =
            InstanceAttributes.registered(doc, request.attributes(), current.attributes());
        saved =
            store.change(
                current,
                b ->
                    extra.apply(
                        b.versionInfo(version)
                            .registeredResources(resources)
                            .attributes(attributes)
                            .capacityProviderName(
                                providerOf(attributes, current.capacityProviderName()))
                            .agentConnected(true)));
      } else {
        List<Attribute> attributes =
            InstanceAttributes.registered(doc, request.attributes(), List.of());
        saved =
            store.create(
                extra
                    .apply(created(cluster, doc, version, resources, attributes).toBuilder())
                    .build());
      }
      if (request.hasTags()) {
        tags.setTags(ContainerInstanceStore.arn(saved), request.tags());
      }
      return saved;
    }
  }

  private static String providerOf(List<Attribute> attributes, String otherwise) {
    return attributes.stream()
        .filter(a -> a.name().equals(CAPACITY_PROVIDER_ATTRIBUTE) && a.value() != null)
        .map(Attribute::value)
        .findFirst()
        .orElse(otherwise);
  }

  private Optional<ContainerInstance> existing(
      Arn cluster, RegisterContainerInstanceRequest request, IdentityDocument doc) {
    String named = request.containerInstanceArn();
    if (named == null || named.isEmpty()) {
      return store
          .liveIn(cluster)
          .filter(ci -> doc.instanceId().equals(ci.ec2InstanceId()))
          .findFirst();
    }
    ContainerInstance current =
        store
            .find(cluster, named)
            .orElseThrow(
                () ->
                    new ClientException(
                        "Container instance "
                            + named
                            + " was not found in cluster "
                            + cluster.resourcePath()
                            + "."));
    String id = ContainerInstanceStore.arn(current).lastSegment();
    if (!ContainerInstanceStore.isLive(current)) {
      throw new ClientException("Container instance " + id + " is inactive.");
    }
    if (!doc.instanceId().equals(current.ec2InstanceId())) {
      throw new ClientException(
          "Container instance "
              + id
              + " belongs to EC2 instance "
              + current.ec2InstanceId()
              + ", not "
              + doc.instanceId()
              + ".");
    }
    String previousType =
        current.attributes().stream()
            .filter(a -> a.name().equals("ecs.instance-type"))
            .map(Attribute::value)
            .findFirst()
            .orElse(null);
    if (previousType != null
        && doc.instanceType() != null
        && !Objects.equals(previousType, doc.instanceType())) {
      throw new ClientException("Container instance type changes are not supported.");
    }
    return Optional.of(current);
  }

  private static ContainerInstance created(
      Arn cluster,
      IdentityDocument doc,
      VersionInfo version,
      List<Resource> resources,
      List<Attribute> attributes) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return ContainerInstance.builder()
        .containerInstanceArn(ContainerInstanceStore.newArn(cluster).toString())
        .ec2InstanceId(doc.instanceId())
        .version(1L)
        .versionInfo(version)
        .registeredResources(resources)
        .status(ContainerInstanceStore.ACTIVE)
        .agentConnected(true)
        .attributes(attributes)
        .capacityProviderName(providerOf(attributes, null))
        .registeredAt(now)
        .attachments(List.of())
        .healthStatus(noReports(now))
        .build();
  }

  /**
   * ECS learns an instance's health from its agent; KECS receives no such reports from agents that
   * register through the API, so it says so rather than claim the instance is healthy.
   */
  private static ContainerInstanceHealthStatus noReports(Instant now) {
    return ContainerInstanceHealthStatus.builder()
        .overallStatus(InstanceHealthCheckState.INSUFFICIENT_DATA)
        .details(
            InstanceHealthCheckResult.builder()
                .type(InstanceHealthCheckType.CONTAINER_RUNTIME)
                .status(InstanceHealthCheckState.INSUFFICIENT_DATA)
                .lastUpdated(now)
                .lastStatusChange(now)
                .build())
        .build();
  }
}
