package io.kecs.ecs.instance;

import io.kecs.ecs.attribute.AttributeTargets;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.cluster.ClusterUsage;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.query.ClusterQuery;
import io.kecs.store.RecordTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DeregisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterContainerInstanceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceResponse;

/**
 * The container instance aggregate: registration, deregistration, describe and list. State and
 * agent updates are in {@link InstanceStateService}, agent reports in {@link AgentService}.
 */
public final class ContainerInstanceService {
  private static final int MAX_DESCRIBE = 100;

  private final ClusterService clusters;
  private final ContainerInstanceStore store;
  private final InstanceRegistration registration;
  private final InstanceView view;
  private final Pager pager = new Pager("containerInstances", 100, 100);
  private volatile InstanceUsage usage = InstanceUsage.NONE;
  private final List<Consumer<Arn>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ContainerInstance>> statusListeners = new CopyOnWriteArrayList<>();

  public ContainerInstanceService(
      RecordTable<ContainerInstance> table, ClusterService clusters, TagService tags) {
    this.clusters = clusters;
    this.store = new ContainerInstanceStore(table);
    this.registration = new InstanceRegistration(store, tags);
    this.view = new InstanceView(tags);
    tags.registerResourceType(
        ContainerInstanceStore.TYPE,
        arn -> store.get(arn).filter(ContainerInstanceStore::isLive).isPresent());
  }

  /** Wires what tasks use on each instance (the task aggregate also depends on instances). */
  public void connectUsage(InstanceUsage usage) {
    this.usage = usage;
  }

  /**
   * Tells {@code listener} the cluster whenever its instances register, deregister or change state
   * (DAEMON services and daemons place tasks by them).
   */
  public void onChange(Consumer<Arn> listener) {
    listeners.add(listener);
  }

  void changed(Arn cluster) {
    listeners.forEach(l -> l.accept(cluster));
  }

  /**
   * Tells {@code listener} of every instance UpdateContainerInstancesState moves to ACTIVE or
   * DRAINING, after it is stored (a runtime cordons the node behind it).
   */
  public void addStatusListener(Consumer<ContainerInstance> listener) {
    statusListeners.add(listener);
  }

  void statusChanged(ContainerInstance changed) {
    statusListeners.forEach(l -> l.accept(changed));
  }

  InstanceRegistration registration() {
    return registration;
  }

  /** Container instances count toward a cluster while ACTIVE or DRAINING, as on ECS. */
  public ClusterUsage.Counts countsOf(Arn cluster) {
    int live = (int) store.liveIn(cluster).count();
    return new ClusterUsage.Counts(live, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The instances task placement may choose from (the task aggregate depends on this). */
  public InstanceCatalog placementCatalog() {
    return new InstancePlacementCatalog(this);
  }

  /** What the attribute aggregate reads and edits on container instances. */
  public AttributeTargets attributeTargets() {
    return new InstanceAttributeTargets(store);
  }

  ContainerInstanceStore store() {
    return store;
  }

  InstanceView view() {
    return view;
  }

  InstanceUsage usage() {
    return usage;
  }

  public RegisterContainerInstanceResponse registerContainerInstance(
      RequestContext ctx, RegisterContainerInstanceRequest request) {
    Arn cluster =
        ContainerInstanceStore.clusterArn(
            clusters.requireActiveOrCreateDefault(ctx, request.cluster()));
    ContainerInstance saved = registration.register(cluster, request);
    changed(cluster);
    return RegisterContainerInstanceResponse.builder()
        .containerInstance(view.shape(saved, InstanceView.Include.TAGS, usage))
        .build();
  }

  /**
   * Deregistration is final: the instance becomes INACTIVE, leaves listings and cluster counts, and
   * stays describable. Without {@code force} it is refused while tasks are on the instance; with
   * it, those tasks are left to the task aggregate (ECS orphans them). Deregistering an INACTIVE
   * instance again answers it unchanged.
   */
  public DeregisterContainerInstanceResponse deregisterContainerInstance(
      RequestContext ctx, DeregisterContainerInstanceRequest request) {
    Arn cluster = ContainerInstanceStore.clusterArn(clusters.requireActive(ctx, request.cluster()));
    ContainerInstance saved;
    synchronized (store) {
      ContainerInstance current = require(cluster, request.containerInstance());
      if (!ContainerInstanceStore.isLive(current)) {
        saved = current;
      } else {
        boolean force = Boolean.TRUE.equals(request.force());
        if (!force && usage.of(ContainerInstanceStore.arn(current)).hasTasks()) {
          throw new InvalidParameterException("Found running tasks on the instance.");
        }
        saved =
            store.change(
                current, b -> b.status(ContainerInstanceStore.INACTIVE).agentConnected(false));
      }
    }
    changed(cluster);
    return DeregisterContainerInstanceResponse.builder()
        .containerInstance(view.shape(saved, InstanceView.Include.NONE, usage))
        .build();
  }

  public DescribeContainerInstancesResponse describeContainerInstances(
      RequestContext ctx, DescribeContainerInstancesRequest request) {
    Arn cluster = ContainerInstanceStore.clusterArn(clusters.requireActive(ctx, request.cluster()));
    List<String> refs = request.containerInstances();
    if (refs.isEmpty() || refs.size() > MAX_DESCRIBE) {
      throw new InvalidParameterException(
          "containerInstances must have between 1 and "
              + MAX_DESCRIBE
              + " items, but had "
              + refs.size()
              + ".");
    }
    InstanceView.Include include = InstanceView.Include.of(request.includeAsStrings());
    Map<String, ContainerInstance> found = new LinkedHashMap<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : refs) {
      Optional<ContainerInstance> ci = store.find(cluster, ref);
      if (ci.isPresent()) {
        found.putIfAbsent(ci.get().containerInstanceArn(), view.shape(ci.get(), include, usage));
      } else {
        failures.add(
            Failure.builder()
                .arn(ContainerInstanceStore.failureArn(cluster, ref))
                .reason("MISSING")
                .build());
      }
    }
    return DescribeContainerInstancesResponse.builder()
        .containerInstances(List.copyOf(found.values()))
        .failures(failures)
        .build();
  }

  /**
   * Lists a cluster's instances in every status but INACTIVE, or in the one {@code status} asked
   * for; an empty {@code filter} is no filter.
   */
  public ListContainerInstancesResponse listContainerInstances(
      RequestContext ctx, ListContainerInstancesRequest request) {
    Arn cluster = ContainerInstanceStore.clusterArn(clusters.requireActive(ctx, request.cluster()));
    String status = request.statusAsString();
    Predicate<ContainerInstance> wanted =
        status == null ? ContainerInstanceStore::isLive : ci -> status.equals(ci.status());
    if (request.filter() != null && !request.filter().isBlank()) {
      ClusterQuery query = InstanceQueries.parse(request.filter());
      InstanceUsage now = usage;
      wanted =
          wanted.and(
              ci ->
                  query.matches(
                      new InstanceQueryTarget(ci, now.of(ContainerInstanceStore.arn(ci)))));
    }
    Page<String> page =
        pager.page(
            store.inCluster(cluster),
            wanted,
            ContainerInstance::containerInstanceArn,
            request.maxResults(),
            request.nextToken());
    return ListContainerInstancesResponse.builder()
        .containerInstanceArns(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The instance a request names in a cluster, or the ECS error for an unknown one. */
  ContainerInstance require(Arn cluster, String reference) {
    return store
        .find(cluster, reference)
        .orElseThrow(
            () ->
                new InvalidParameterException(
                    "The referenced container instance "
                        + reference
                        + " was not found in cluster "
                        + cluster.resourcePath()
                        + "."));
  }

  ClusterService clusters() {
    return clusters;
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add(
            "RegisterContainerInstance",
            RegisterContainerInstanceRequest.class,
            this::registerContainerInstance)
        .add(
            "DeregisterContainerInstance",
            DeregisterContainerInstanceRequest.class,
            this::deregisterContainerInstance)
        .add(
            "DescribeContainerInstances",
            DescribeContainerInstancesRequest.class,
            this::describeContainerInstances)
        .add(
            "ListContainerInstances",
            ListContainerInstancesRequest.class,
            this::listContainerInstances);
  }
}
