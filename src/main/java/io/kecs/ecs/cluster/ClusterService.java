package io.kecs.ecs.cluster;

import io.kecs.ecs.common.Names;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.ClusterContainsContainerInstancesException;
import io.kecs.ecs.error.ClusterContainsServicesException;
import io.kecs.ecs.error.ClusterContainsTasksException;
import io.kecs.ecs.error.ClusterNotFoundException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.RecordTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateClusterResponse;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterResponse;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.UpdateClusterRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterResponse;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsResponse;

/**
 * The cluster aggregate. A cluster record holds what the user configured; counts come from {@link
 * ClusterUsage} and tags from {@link TagService} each time a cluster is shown.
 */
public final class ClusterService {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterService.class);
  static final String ACTIVE = "ACTIVE";
  static final String INACTIVE = "INACTIVE";
  private static final int MAX_DESCRIBE = 100;

  /**
   * How long ListClusters keeps naming a deleted (INACTIVE) cluster, as ECS does for a while after
   * DeleteCluster; DescribeClusters shows it for as long as the record exists.
   */
  static final Duration INACTIVE_LISTED = Duration.ofHours(1);

  private final RecordTable<Cluster> clusters;
  private final TagService tags;
  private final ClusterView view;
  private final Pager pager = new Pager("clusters", 100, 100);
  private volatile ClusterUsage usage = c -> ClusterUsage.Counts.NONE;
  private volatile CapacityProviderCatalog providers;
  private volatile Function<Scope, String> accountInsights = scope -> "disabled";
  private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
  private final Supplier<Instant> now;
  private volatile java.util.function.BiFunction<Scope, String, String> namespaces;
  // When each cluster was deleted; in memory only: after a restart deleted clusters are no longer
  // listed (they stay describable).
  private final Map<String, Instant> deletedAt = new ConcurrentHashMap<>();

  public ClusterService(RecordTable<Cluster> clusters, TagService tags, Supplier<Instant> now) {
    this.clusters = clusters;
    this.tags = tags;
    this.now = now;
    this.view = new ClusterView(tags);
    tags.registerResourceType("cluster", arn -> find(arn).isPresent());
  }

  /** Wires what counts a cluster's contents (those aggregates also depend on clusters). */
  public void connectUsage(ClusterUsage usage) {
    this.usage = usage;
  }

  /** Wires the account's containerInsights setting, the default for new clusters. */
  public void connectAccountSettings(Function<Scope, String> containerInsights) {
    this.accountInsights = containerInsights;
  }

  /**
   * Wires Cloud Map's namespaces: a Service Connect default naming no namespace creates one, as ECS
   * does (scope, name or ARN to the namespace's ARN).
   */
  public void connectNamespaces(java.util.function.BiFunction<Scope, String, String> namespaces) {
    this.namespaces = namespaces;
  }

  /** Wires the capacity provider rules (that aggregate also depends on clusters). */
  public void connectCapacityProviders(CapacityProviderCatalog providers) {
    this.providers = providers;
  }

  /** Tells {@code listener} of every cluster created or deleted from now on. */
  public void addListener(ClusterListener listener) {
    listeners.add(listener);
  }

  /** An ACTIVE or INACTIVE cluster by ARN. */
  public Optional<Cluster> find(Arn arn) {
    return clusters.get(arn.toString());
  }

  /** The ACTIVE cluster a request names (absent = {@code default}), or ClusterNotFoundException. */
  public Cluster requireActive(RequestContext ctx, String nameOrArn) {
    Arn arn = Names.cluster(ctx.scope(), nameOrArn);
    return find(arn)
        .filter(c -> ACTIVE.equals(c.status()))
        .orElseThrow(() -> new ClusterNotFoundException(EcsMessages.CLUSTER_NOT_FOUND));
  }

  /**
   * The cluster for operations that ECS lets create the {@code default} cluster on first use
   * (RunTask, CreateService, RegisterContainerInstance, ...).
   */
  public Cluster requireActiveOrCreateDefault(RequestContext ctx, String nameOrArn) {
    if (nameOrArn == null || nameOrArn.equals("default")) {
      synchronized (this) {
        Arn arn = Names.cluster(ctx.scope(), null);
        Optional<Cluster> existing = find(arn).filter(c -> ACTIVE.equals(c.status()));
        if (existing.isPresent()) {
          return existing.get();
        }
        return create(ctx, CreateClusterRequest.builder().clusterName("default").build());
      }
    }
    return requireActive(ctx, nameOrArn);
  }

  public CreateClusterResponse createCluster(RequestContext ctx, CreateClusterRequest request) {
    Cluster cluster = create(ctx, request);
    return CreateClusterResponse.builder().cluster(view.created(cluster, usage)).build();
  }

  private synchronized Cluster create(RequestContext ctx, CreateClusterRequest request) {
    String name = request.clusterName() == null ? "default" : request.clusterName();
    Names.requireValidName("Cluster", name);
    TagService.validate(request.tags());
    ClusterSettings.validate(request.settings());
    Arn arn = Arn.ecs(ctx.scope(), "cluster", name);
    Optional<Cluster> existing = find(arn).filter(c -> ACTIVE.equals(c.status()));
    if (existing.isPresent()) {
      return existing.get(); // ECS answers CreateCluster on an existing cluster with that cluster
    }
    List<String> providerNames =
        providers == null
            ? request.capacityProviders()
            : providers.checkClusterProviders(
                arn, request.capacityProviders(), request.defaultCapacityProviderStrategy());
    Cluster cluster =
        Cluster.builder()
            .clusterArn(arn.toString())
            .clusterName(name)
            .status(ACTIVE)
            .settings(
                ClusterSettings.withDefaults(
                    request.settings(), accountInsights.apply(ctx.scope())))
            .configuration(request.configuration())
            .capacityProviders(providerNames)
            .defaultCapacityProviderStrategy(request.defaultCapacityProviderStrategy())
            .serviceConnectDefaults(ServiceConnectDefaults.of(ctx.scope(), request, namespaces))
            .build();
    tags.setTags(arn, request.tags());
    Cluster saved = clusters.put(arn.toString(), cluster);
    deletedAt.remove(arn.toString());
    tell(l -> l.clusterCreated(saved));
    return saved;
  }

  public DescribeClustersResponse describeClusters(
      RequestContext ctx, DescribeClustersRequest request) {
    List<String> names = request.hasClusters() ? request.clusters() : List.of("default");
    if (names.size() > MAX_DESCRIBE) {
      throw new InvalidParameterException(
          "clusters can have at most " + MAX_DESCRIBE + " items, but had " + names.size() + ".");
    }
    ClusterView.Include include = ClusterView.Include.of(request.includeAsStrings());
    List<Cluster> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String nameOrArn : names) {
      Optional<Cluster> cluster = lookup(ctx.scope(), nameOrArn);
      if (cluster.isPresent()) {
        found.add(view.described(cluster.get(), include, usage));
      } else {
        failures.add(
            Failure.builder().arn(failureArn(ctx.scope(), nameOrArn)).reason("MISSING").build());
      }
    }
    return DescribeClustersResponse.builder().clusters(found).failures(failures).build();
  }

  public ListClustersResponse listClusters(RequestContext ctx, ListClustersRequest request) {
    Page<String> page =
        pager.page(
            clusters.range(Names.arnPrefix(ctx.scope(), "cluster")),
            c -> ACTIVE.equals(c.status()) || recentlyDeleted(c.clusterArn()),
            Cluster::clusterArn,
            request.maxResults(),
            request.nextToken());
    return ListClustersResponse.builder()
        .clusterArns(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private boolean recentlyDeleted(String clusterArn) {
    Instant at = deletedAt.get(clusterArn);
    return at != null && now.get().isBefore(at.plus(INACTIVE_LISTED));
  }

  public synchronized UpdateClusterResponse updateCluster(
      RequestContext ctx, UpdateClusterRequest request) {
    Cluster cluster = requireActive(ctx, request.cluster());
    ClusterSettings.validate(request.settings());
    Cluster.Builder updated = cluster.toBuilder();
    if (request.hasSettings()) {
      updated.settings(ClusterSettings.merge(cluster.settings(), request.settings()));
    }
    if (request.configuration() != null) {
      updated.configuration(request.configuration());
    }
    if (request.serviceConnectDefaults() != null) {
      updated.serviceConnectDefaults(
          ServiceConnectDefaults.of(
              ctx.scope(), request.serviceConnectDefaults().namespace(), namespaces));
    }
    Cluster saved = clusters.put(cluster.clusterArn(), updated.build());
    return UpdateClusterResponse.builder().cluster(view.created(saved, usage)).build();
  }

  public synchronized UpdateClusterSettingsResponse updateClusterSettings(
      RequestContext ctx, UpdateClusterSettingsRequest request) {
    Cluster cluster = requireActive(ctx, request.cluster());
    ClusterSettings.validate(request.settings());
    Cluster saved =
        clusters.put(
            cluster.clusterArn(),
            cluster.toBuilder()
                .settings(ClusterSettings.merge(cluster.settings(), request.settings()))
                .build());
    return UpdateClusterSettingsResponse.builder().cluster(view.created(saved, usage)).build();
  }

  public synchronized PutClusterCapacityProvidersResponse putClusterCapacityProviders(
      RequestContext ctx, PutClusterCapacityProvidersRequest request) {
    Cluster cluster = requireActive(ctx, request.cluster());
    Arn arn = Arn.parse(cluster.clusterArn()).orElseThrow();
    List<String> names = request.capacityProviders();
    if (providers != null) {
      names =
          providers.checkClusterProviders(
              arn, request.capacityProviders(), request.defaultCapacityProviderStrategy());
      List<String> removed = new ArrayList<>(cluster.capacityProviders());
      removed.removeAll(names);
      providers.checkRemovable(arn, removed);
    }
    Cluster saved =
        clusters.put(
            cluster.clusterArn(),
            cluster.toBuilder()
                .capacityProviders(names)
                .defaultCapacityProviderStrategy(request.defaultCapacityProviderStrategy())
                .build());
    return PutClusterCapacityProvidersResponse.builder()
        .cluster(view.created(saved, usage))
        .build();
  }

  public synchronized DeleteClusterResponse deleteCluster(
      RequestContext ctx, DeleteClusterRequest request) {
    Cluster cluster = requireActive(ctx, request.cluster());
    Arn arn = Arn.parse(cluster.clusterArn()).orElseThrow();
    ClusterUsage.Counts counts = usage.countsOf(arn);
    if (providers != null) {
      providers.checkDeletable(arn);
    }
    if (counts.registeredContainerInstances() > 0) {
      throw new ClusterContainsContainerInstancesException(
          "The Cluster cannot be deleted while Container Instances are active or draining.");
    }
    if (counts.activeServices() + counts.drainingEc2Services() + counts.drainingFargateServices()
        > 0) {
      throw new ClusterContainsServicesException(
          "The Cluster cannot be deleted while Services are active.");
    }
    if (counts.runningTasks() + counts.pendingTasks() > 0) {
      throw new ClusterContainsTasksException(
          "The Cluster cannot be deleted while Tasks are active.");
    }
    Cluster inactive =
        clusters.put(
            cluster.clusterArn(),
            cluster.toBuilder()
                .status(INACTIVE)
                .capacityProviders(List.of())
                .defaultCapacityProviderStrategy(List.of())
                .build());
    deletedAt.put(inactive.clusterArn(), now.get());
    tell(l -> l.clusterDeleted(inactive));
    return DeleteClusterResponse.builder().cluster(view.created(inactive, usage)).build();
  }

  /** All ACTIVE clusters of a scope, for aggregates that sweep clusters. */
  public List<Cluster> activeClusters(Scope scope) {
    return clusters.range(Names.arnPrefix(scope, "cluster")).values().stream()
        .filter(c -> ACTIVE.equals(c.status()))
        .toList();
  }

  /** ACTIVE clusters of every account and region and what they hold (for {@code kecs status}). */
  public Totals totals() {
    int active = 0;
    ClusterUsage.Counts sum = ClusterUsage.Counts.NONE;
    for (Cluster c : clusters.all()) {
      if (ACTIVE.equals(c.status())) {
        active++;
        sum = sum.plus(usage.countsOf(Arn.parse(c.clusterArn()).orElseThrow()));
      }
    }
    return new Totals(active, sum);
  }

  /** What {@link #totals} counts. */
  public record Totals(int activeClusters, ClusterUsage.Counts counts) {}

  /** All ACTIVE clusters of every scope, for what must follow them at start-up. */
  public List<Cluster> activeClusters() {
    return clusters.all().stream().filter(c -> ACTIVE.equals(c.status())).toList();
  }

  private void tell(Consumer<ClusterListener> event) {
    for (ClusterListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.error("Cluster listener failed", e);
      }
    }
  }

  private Optional<Cluster> lookup(Scope scope, String nameOrArn) {
    if (Arn.looksLikeArn(nameOrArn)) {
      return Arn.parse(nameOrArn)
          .filter(a -> a.resourceType().equals("cluster"))
          .flatMap(this::find);
    }
    return Names.isValidName(nameOrArn)
        ? find(Arn.ecs(scope, "cluster", nameOrArn))
        : Optional.empty();
  }

  private static String failureArn(Scope scope, String nameOrArn) {
    return Arn.looksLikeArn(nameOrArn)
        ? nameOrArn
        : Arn.ecs(scope, "cluster", nameOrArn).toString();
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("CreateCluster", CreateClusterRequest.class, this::createCluster)
        .add("DescribeClusters", DescribeClustersRequest.class, this::describeClusters)
        .add("ListClusters", ListClustersRequest.class, this::listClusters)
        .add("UpdateCluster", UpdateClusterRequest.class, this::updateCluster)
        .add(
            "UpdateClusterSettings",
            UpdateClusterSettingsRequest.class,
            this::updateClusterSettings)
        .add(
            "PutClusterCapacityProviders",
            PutClusterCapacityProvidersRequest.class,
            this::putClusterCapacityProviders)
        .add("DeleteCluster", DeleteClusterRequest.class, this::deleteCluster);
  }
}
