package io.kecs.ecs.daemon;

import io.kecs.ecs.capacity.CapacityProviderService;
import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.taskdef.DaemonTaskDefinitionService;
import io.kecs.identity.Arn;
import io.kecs.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateDaemonRequest;
import software.amazon.awssdk.services.ecs.model.DaemonContainerImage;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentRevisionDetail;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What a daemon is configured with, checked against the other aggregates: an ACTIVE daemon task
 * definition, and capacity providers that are ACTIVE Managed Instances providers of the daemon's
 * cluster (ECS Managed Daemons support no other kind); and the revision a configuration becomes.
 */
final class DaemonConfiguration {
  private static final int MAX_PROVIDERS = 20;

  private final DaemonTaskDefinitionService definitions;
  private final CapacityProviderService capacityProviders;

  DaemonConfiguration(
      DaemonTaskDefinitionService definitions, CapacityProviderService capacityProviders) {
    this.definitions = definitions;
    this.capacityProviders = capacityProviders;
  }

  DaemonTaskDefinition definition(RequestContext ctx, String reference) {
    DaemonTaskDefinition def =
        definitions
            .resolve(ctx.scope(), reference)
            .orElseThrow(
                () ->
                    new ClientException(
                        "The specified daemon task definition does not exist: " + reference));
    if (!"ACTIVE".equals(def.statusAsString())) {
      throw new ClientException(
          "The daemon task definition "
              + def.daemonTaskDefinitionArn()
              + " is "
              + def.statusAsString()
              + ". Specify an ACTIVE daemon task definition.");
    }
    return def;
  }

  /** The providers' ARNs, in the order given, each checked. */
  List<String> providers(RequestContext ctx, Cluster cluster, List<String> references) {
    if (references.isEmpty()) {
      throw new InvalidParameterException("capacityProviderArns must name at least one provider.");
    }
    if (references.size() > MAX_PROVIDERS) {
      throw new InvalidParameterException(
          "capacityProviderArns can have at most " + MAX_PROVIDERS + " items.");
    }
    Set<String> arns = new LinkedHashSet<>();
    for (String ref : references) {
      CapacityProvider p =
          capacityProviders
              .find(ctx.scope(), ref)
              .filter(x -> "ACTIVE".equals(x.statusAsString()))
              .orElseThrow(
                  () ->
                      new InvalidParameterException(
                          "The specified capacity provider " + ref + " was not found."));
      if (!"MANAGED_INSTANCES".equals(p.typeAsString())) {
        throw new InvalidParameterException(
            "The capacity provider "
                + p.name()
                + " is not a Managed Instances capacity provider. ECS Managed Daemons is only"
                + " supported for Amazon ECS Managed Instances capacity providers.");
      }
      if (!cluster.clusterName().equals(p.cluster())) {
        throw new InvalidParameterException(
            "The capacity provider "
                + p.name()
                + " belongs to cluster "
                + p.cluster()
                + ", not to "
                + cluster.clusterName()
                + ".");
      }
      if (!arns.add(p.capacityProviderArn())) {
        throw new InvalidParameterException(
            "The capacity provider " + p.name() + " is named more than once.");
      }
    }
    return new ArrayList<>(arns);
  }

  /** A provider name or ARN as the ARN daemons record (for ListDaemons filters). */
  String providerArn(RequestContext ctx, String reference) {
    if (Arn.looksLikeArn(reference)) {
      return reference;
    }
    return Arn.ecs(ctx.scope(), "capacity-provider", reference).toString();
  }

  /** The immutable snapshot a deployment rolls out. */
  DaemonRevision revision(
      Arn daemon, CreateDaemonRequest spec, DaemonTaskDefinition def, Instant now) {
    return DaemonRevision.builder()
        .daemonRevisionArn(DaemonArns.newRevision(daemon))
        .clusterArn(spec.clusterArn())
        .daemonArn(daemon.toString())
        .daemonTaskDefinitionArn(def.daemonTaskDefinitionArn())
        .createdAt(now)
        .containerImages(
            def.containerDefinitions().stream()
                .map(
                    c ->
                        DaemonContainerImage.builder()
                            .containerName(c.name())
                            .image(c.image())
                            .build())
                .toList())
        .propagateTags(spec.propagateTags())
        .enableECSManagedTags(spec.enableECSManagedTags())
        .enableExecuteCommand(spec.enableExecuteCommand())
        .build();
  }

  DaemonDeploymentRevisionDetail revisionDetail(
      Arn daemon, String revisionArn, List<String> providers, List<Task> tasks) {
    return DaemonCounts.deploymentDetail(daemon, revisionArn, providers, tasks);
  }
}
