package io.kecs.ecs.capacity;

import io.kecs.ecs.cluster.CapacityProviderCatalog;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.CapacityRules;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.RecordTable;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;
import software.amazon.awssdk.services.ecs.model.CapacityProviderType;
import software.amazon.awssdk.services.ecs.model.CapacityProviderUpdateStatus;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.CreateCapacityProviderResponse;
import software.amazon.awssdk.services.ecs.model.DeleteCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.DeleteCapacityProviderResponse;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.UpdateCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.UpdateCapacityProviderResponse;

/**
 * The capacity provider aggregate. Writes that depend on cluster state (a Managed Instances
 * provider's cluster, a provider's associations) hold the cluster aggregate's lock and then this
 * one, the same order the cluster aggregate takes when it calls {@link #catalog()}.
 */
public final class CapacityProviderService {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
  private static final Pattern RESERVED_PREFIX = Pattern.compile("(?i)^(aws|ecs|fargate).*");

  private final CapacityProviderStore store;
  private final TagService tags;
  private final ClusterService clusters;
  private final ClusterProviderRules rules;
  private final CapacityProviderQueries queries;

  public CapacityProviderService(
      RecordTable<CapacityProvider> table, TagService tags, ClusterService clusters) {
    this.store = new CapacityProviderStore(table);
    this.tags = tags;
    this.clusters = clusters;
    this.rules = new ClusterProviderRules(store, clusters);
    this.queries = new CapacityProviderQueries(store, tags, clusters);
    tags.registerResourceType(CapacityProviderStore.TYPE, this::taggable);
  }

  /** The association rules clusters apply (wire with {@code connectCapacityProviders}). */
  public CapacityProviderCatalog catalog() {
    return rules;
  }

  /** The strategy rules task launches apply (RunTask, services). */
  public CapacityRules placementRules() {
    return rules::checkPlacementStrategy;
  }

  /**
   * A capacity provider by name or ARN as stored, whatever its status (built-in FARGATE providers
   * included), for the aggregates that name providers (daemons).
   */
  public Optional<CapacityProvider> find(Scope scope, String nameOrArn) {
    return store.lookup(scope, nameOrArn);
  }

  /** Wires what tells whether services or tasks use a provider. */
  public void connectUsage(CapacityProviderUsage usage) {
    rules.connectUsage(usage);
  }

  public CreateCapacityProviderResponse createCapacityProvider(
      RequestContext ctx, CreateCapacityProviderRequest request) {
    String name = request.name();
    if (!NAME.matcher(name).matches() || RESERVED_PREFIX.matcher(name).matches()) {
      throw new ClientException(
          "The specified capacity provider name is invalid. Up to 255 characters are allowed,"
              + " including letters (upper and lowercase), numbers, underscores, and hyphens. The"
              + " name cannot be prefixed with \"aws\", \"ecs\", or \"fargate\". Specify a valid"
              + " name and try again.");
    }
    TagService.validate(request.tags());
    boolean asg = request.autoScalingGroupProvider() != null;
    if (asg == (request.managedInstancesProvider() != null)) {
      throw new InvalidParameterException(
          "Exactly one of autoScalingGroupProvider or managedInstancesProvider must be specified.");
    }
    if (asg && request.cluster() != null) {
      throw clusterOnlyForManagedInstances();
    }
    Scope scope = ctx.scope();
    Arn arn = CapacityProviderStore.arn(scope, name);
    synchronized (clusters) {
      synchronized (store) {
        if (store.stored(arn).filter(CapacityProviderStore::isActive).isPresent()) {
          throw new ClientException(
              "The specified capacity provider already exists. To change the configuration of an"
                  + " existing capacity provider, update the capacity provider.");
        }
        CapacityProvider.Builder b =
            CapacityProvider.builder()
                .capacityProviderArn(arn.toString())
                .name(name)
                .status(CapacityProviderStatus.ACTIVE)
                .updateStatus(CapacityProviderUpdateStatus.CREATE_COMPLETE);
        if (asg) {
          var group = AutoScalingGroupRules.forCreate(request.autoScalingGroupProvider());
          String groupName = AutoScalingGroupRules.groupName(group.autoScalingGroupArn());
          if (store.activeUsingGroup(scope, groupName).isPresent()) {
            throw new ClientException(
                "The specified Auto Scaling group ARN is already being used by another capacity"
                    + " provider. Specify a unique Auto Scaling group ARN and try again.");
          }
          b.type(CapacityProviderType.EC2_AUTOSCALING).autoScalingGroupProvider(group);
        } else {
          if (request.cluster() == null) {
            throw new InvalidParameterException(
                "The cluster must be specified when creating a Managed Instances capacity"
                    + " provider.");
          }
          Cluster cluster = clusters.requireActive(ctx, request.cluster());
          b.type(CapacityProviderType.MANAGED_INSTANCES)
              .cluster(cluster.clusterName())
              .managedInstancesProvider(
                  ManagedInstancesRules.forCreate(request.managedInstancesProvider()));
        }
        CapacityProvider saved = store.put(b.build());
        tags.setTags(arn, request.tags());
        return CreateCapacityProviderResponse.builder()
            .capacityProvider(queries.shape(saved, true))
            .build();
      }
    }
  }

  public UpdateCapacityProviderResponse updateCapacityProvider(
      RequestContext ctx, UpdateCapacityProviderRequest request) {
    synchronized (store) {
      CapacityProvider current = requireOwn(ctx, request.name(), request.cluster(), "updated");
      CapacityProvider.Builder b = current.toBuilder();
      if (current.autoScalingGroupProvider() != null) {
        if (request.autoScalingGroupProvider() == null
            || request.managedInstancesProvider() != null) {
          throw new InvalidParameterException(
              "The capacity provider '"
                  + current.name()
                  + "' uses an Auto Scaling group: specify autoScalingGroupProvider only.");
        }
        b.autoScalingGroupProvider(
            AutoScalingGroupRules.forUpdate(
                current.autoScalingGroupProvider(), request.autoScalingGroupProvider()));
      } else {
        if (request.managedInstancesProvider() == null
            || request.autoScalingGroupProvider() != null) {
          throw new InvalidParameterException(
              "The capacity provider '"
                  + current.name()
                  + "' is a Managed Instances capacity provider: specify managedInstancesProvider"
                  + " only.");
        }
        b.managedInstancesProvider(
            ManagedInstancesRules.forUpdate(
                current.managedInstancesProvider(), request.managedInstancesProvider()));
      }
      CapacityProvider saved =
          store.put(
              b.updateStatus(CapacityProviderUpdateStatus.UPDATE_COMPLETE)
                  .updateStatusReason(null)
                  .build());
      return UpdateCapacityProviderResponse.builder()
          .capacityProvider(queries.shape(saved, false))
          .build();
    }
  }

  /**
   * ECS does not refuse to delete a provider that is still associated with a cluster or used: it
   * answers the provider, still ACTIVE, with updateStatus DELETE_FAILED and the reason.
   */
  public DeleteCapacityProviderResponse deleteCapacityProvider(
      RequestContext ctx, DeleteCapacityProviderRequest request) {
    synchronized (clusters) {
      synchronized (store) {
        CapacityProvider current =
            requireOwn(ctx, request.capacityProvider(), request.cluster(), "deleted");
        String blocker = deleteBlocker(ctx.scope(), current);
        CapacityProvider saved =
            store.put(
                blocker != null
                    ? current.toBuilder()
                        .updateStatus(CapacityProviderUpdateStatus.DELETE_FAILED)
                        .updateStatusReason(blocker)
                        .build()
                    : current.toBuilder()
                        .status(CapacityProviderStatus.INACTIVE)
                        .updateStatus(CapacityProviderUpdateStatus.DELETE_COMPLETE)
                        .updateStatusReason(null)
                        .build());
        return DeleteCapacityProviderResponse.builder()
            .capacityProvider(queries.shape(saved, false))
            .build();
      }
    }
  }

  public DescribeCapacityProvidersResponse describeCapacityProviders(
      RequestContext ctx, DescribeCapacityProvidersRequest request) {
    return queries.describe(ctx, request);
  }

  private String deleteBlocker(Scope scope, CapacityProvider provider) {
    Optional<Cluster> associated = rules.associatedCluster(scope, provider.name());
    if (associated.isPresent()) {
      return "The capacity provider cannot be deleted because it is associated with cluster: "
          + associated.get().clusterName()
          + ". Remove the capacity provider from the cluster and try again.";
    }
    if (provider.cluster() != null
        && rules.usage().inUse(Arn.ecs(scope, "cluster", provider.cluster()), provider.name())) {
      return "The capacity provider cannot be deleted because services or tasks of cluster "
          + provider.cluster()
          + " still use it. Remove it from their capacity provider strategies and try again.";
    }
    return null;
  }

  /**
   * The ACTIVE custom provider an update or delete names. Managed Instances providers are scoped to
   * their cluster and are only found when that cluster is given.
   */
  private CapacityProvider requireOwn(
      RequestContext ctx, String nameOrArn, String cluster, String action) {
    Scope scope = ctx.scope();
    Optional<String> name = CapacityProviderStore.nameOf(scope, nameOrArn);
    if (name.isPresent() && BuiltInProviders.isFargate(name.get())) {
      throw new ClientException(
          "The " + name.get() + " capacity provider is reserved and cannot be " + action + ".");
    }
    CapacityProvider provider =
        store.active(scope, nameOrArn).orElseThrow(CapacityProviderNotFound::forProvider);
    if (provider.cluster() == null) {
      if (cluster != null) {
        throw clusterOnlyForManagedInstances();
      }
      return provider;
    }
    if (cluster == null) {
      throw new InvalidParameterException(
          "The capacity provider '"
              + provider.name()
              + "' is scoped to cluster '"
              + provider.cluster()
              + "'. Specify that cluster.");
    }
    if (!clusters.requireActive(ctx, cluster).clusterName().equals(provider.cluster())) {
      throw CapacityProviderNotFound.forProvider();
    }
    return provider;
  }

  private boolean taggable(Arn arn) {
    if (BuiltInProviders.isFargate(arn.resourcePath())) {
      throw new ClientException(
          "The "
              + arn.resourcePath()
              + " capacity provider is reserved by AWS and cannot be tagged.");
    }
    return store.stored(arn).filter(CapacityProviderStore::isActive).isPresent();
  }

  private static InvalidParameterException clusterOnlyForManagedInstances() {
    return new InvalidParameterException(
        "The cluster parameter is only supported for Managed Instances capacity providers.");
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add(
            "CreateCapacityProvider",
            CreateCapacityProviderRequest.class,
            this::createCapacityProvider)
        .add(
            "UpdateCapacityProvider",
            UpdateCapacityProviderRequest.class,
            this::updateCapacityProvider)
        .add(
            "DeleteCapacityProvider",
            DeleteCapacityProviderRequest.class,
            this::deleteCapacityProvider)
        .add(
            "DescribeCapacityProviders",
            DescribeCapacityProvidersRequest.class,
            this::describeCapacityProviders);
  }
}
