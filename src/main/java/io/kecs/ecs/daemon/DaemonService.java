package io.kecs.ecs.daemon;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.DaemonNotActiveException;
import io.kecs.ecs.error.DaemonNotFoundException;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateDaemonRequest;
import software.amazon.awssdk.services.ecs.model.CreateDaemonResponse;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentRevisionDetail;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;
import software.amazon.awssdk.services.ecs.model.DaemonSummary;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.DeleteDaemonRequest;
import software.amazon.awssdk.services.ecs.model.DeleteDaemonResponse;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonRequest;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonResponse;
import software.amazon.awssdk.services.ecs.model.ListDaemonsRequest;
import software.amazon.awssdk.services.ecs.model.ListDaemonsResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.UpdateDaemonRequest;
import software.amazon.awssdk.services.ecs.model.UpdateDaemonResponse;

/**
 * CreateDaemon, UpdateDaemon, DeleteDaemon, DescribeDaemon and ListDaemons. Every create, update
 * and delete records a daemon revision (not for delete) and a daemon deployment that the scheduler
 * then carries out; DescribeDaemon adds the live task counts of the revisions in use.
 */
public final class DaemonService {
  private final ClusterService clusters;
  private final DaemonStore store;
  private final DaemonConfiguration configuration;
  private final DaemonScheduler scheduler;
  private final DaemonTaskIndex index;
  private final TagService tags;
  private final Scheduler clock;
  private final Pager pager = new Pager("daemons", 100, 100);

  DaemonService(
      ClusterService clusters,
      DaemonStore store,
      DaemonConfiguration configuration,
      DaemonScheduler scheduler,
      DaemonTaskIndex index,
      TagService tags,
      Scheduler clock) {
    this.clusters = clusters;
    this.store = store;
    this.configuration = configuration;
    this.scheduler = scheduler;
    this.index = index;
    this.tags = tags;
    this.clock = clock;
    tags.registerResourceType(DaemonArns.DAEMON, arn -> store.detail(arn.toString()).isPresent());
  }

  public synchronized CreateDaemonResponse createDaemon(RequestContext ctx, CreateDaemonRequest r) {
    DaemonRules.name(r.daemonName());
    DaemonRules.clientToken(r.clientToken());
    TagService.validate(r.tags());
    Cluster cluster = clusters.requireActive(ctx, r.clusterArn());
    Arn daemon = DaemonArns.daemon(ctx.scope(), cluster.clusterName(), r.daemonName());
    Optional<DaemonDetail> existing = store.detail(daemon.toString());
    if (existing.isPresent()) {
      if ("DELETE_IN_PROGRESS".equals(existing.get().statusAsString())) {
        throw new InvalidParameterException(
            "Unable to create daemon " + r.daemonName() + " while it is still being deleted.");
      }
      Optional<String> token = store.spec(daemon.toString()).map(CreateDaemonRequest::clientToken);
      if (r.clientToken() != null && token.filter(r.clientToken()::equals).isPresent()) {
        return created(existing.get());
      }
      throw new InvalidParameterException("Creation of daemon was not idempotent.");
    }
    DaemonTaskDefinition def = configuration.definition(ctx, r.daemonTaskDefinitionArn());
    List<String> providers = configuration.providers(ctx, cluster, r.capacityProviderArns());
    DaemonDeploymentConfiguration deployment =
        DaemonRules.deploymentConfiguration(r.deploymentConfiguration(), null);
    CreateDaemonRequest spec =
        r.toBuilder()
            .clusterArn(cluster.clusterArn())
            .daemonTaskDefinitionArn(def.daemonTaskDefinitionArn())
            .capacityProviderArns(providers)
            .deploymentConfiguration(deployment)
            .propagateTags(r.propagateTags() == null ? "NONE" : r.propagateTagsAsString())
            .enableECSManagedTags(Boolean.TRUE.equals(r.enableECSManagedTags()))
            .enableExecuteCommand(Boolean.TRUE.equals(r.enableExecuteCommand()))
            .tags((Collection<Tag>) null)
            .build();
    Instant now = clock.now();
    DaemonRevision revision = configuration.revision(daemon, spec, def, now);
    DaemonDeployment first =
        DaemonDeployments.created(
            DaemonArns.newDeployment(daemon),
            cluster.clusterArn(),
            configuration.revisionDetail(
                daemon, revision.daemonRevisionArn(), providers, List.of()),
            List.of(),
            deployment,
            scheduler.eligible(Arn.parse(cluster.clusterArn()).orElseThrow(), providers).size(),
            now);
    DaemonDetail detail =
        DaemonDetail.builder()
            .daemonArn(daemon.toString())
            .clusterArn(cluster.clusterArn())
            .status("ACTIVE")
            .deploymentArn(first.daemonDeploymentArn())
            .createdAt(now)
            .updatedAt(now)
            .build();
    store.forgetHistory(daemon);
    tags.setTags(daemon, r.tags());
    store.create(detail, spec, revision, first);
    scheduler.deploymentStarted(daemon.toString());
    return created(detail);
  }

  public synchronized UpdateDaemonResponse updateDaemon(RequestContext ctx, UpdateDaemonRequest r) {
    DaemonDetail current = requireActive(ctx, r.daemonArn());
    Arn daemon = Arn.parse(current.daemonArn()).orElseThrow();
    Cluster cluster = clusters.requireActive(ctx, current.clusterArn());
    CreateDaemonRequest old = store.spec(current.daemonArn()).orElseThrow();
    DaemonTaskDefinition def = configuration.definition(ctx, r.daemonTaskDefinitionArn());
    List<String> providers = configuration.providers(ctx, cluster, r.capacityProviderArns());
    CreateDaemonRequest spec =
        old.toBuilder()
            .daemonTaskDefinitionArn(def.daemonTaskDefinitionArn())
            .capacityProviderArns(providers)
            .deploymentConfiguration(
                DaemonRules.deploymentConfiguration(
                    r.deploymentConfiguration(), old.deploymentConfiguration()))
            .propagateTags(
                r.propagateTags() == null ? old.propagateTagsAsString() : r.propagateTagsAsString())
            .enableECSManagedTags(
                r.enableECSManagedTags() == null
                    ? old.enableECSManagedTags()
                    : r.enableECSManagedTags())
            .enableExecuteCommand(
                r.enableExecuteCommand() == null
                    ? old.enableExecuteCommand()
                    : r.enableExecuteCommand())
            .build();
    Instant now = clock.now();
    DaemonRevision revision = configuration.revision(daemon, spec, def, now);
    store.putRevision(revision);
    DaemonDetail saved =
        redeploy(
            current,
            spec,
            configuration.revisionDetail(
                daemon, revision.daemonRevisionArn(), providers, List.of()),
            "ACTIVE",
            now);
    return UpdateDaemonResponse.builder()
        .daemonArn(saved.daemonArn())
        .status(saved.status())
        .createdAt(saved.createdAt())
        .updatedAt(saved.updatedAt())
        .deploymentArn(saved.deploymentArn())
        .build();
  }

  public synchronized DeleteDaemonResponse deleteDaemon(RequestContext ctx, DeleteDaemonRequest r) {
    DaemonDetail current = requireActive(ctx, r.daemonArn());
    CreateDaemonRequest spec = store.spec(current.daemonArn()).orElseThrow();
    DaemonDetail saved = redeploy(current, spec, null, "DELETE_IN_PROGRESS", clock.now());
    return DeleteDaemonResponse.builder()
        .daemonArn(saved.daemonArn())
        .status(saved.status())
        .createdAt(saved.createdAt())
        .updatedAt(saved.updatedAt())
        .deploymentArn(saved.deploymentArn())
        .build();
  }

  /**
   * Starts a deployment towards {@code target} (null: drain everything), replacing the one in
   * progress; what runs now becomes its source revisions.
   */
  private DaemonDetail redeploy(
      DaemonDetail current,
      CreateDaemonRequest spec,
      DaemonDeploymentRevisionDetail target,
      String status,
      Instant now) {
    Arn daemon = Arn.parse(current.daemonArn()).orElseThrow();
    List<Task> tasks = index.tasksOf(current.daemonArn());
    String deploymentArn = DaemonArns.newDeployment(daemon);
    DaemonDeployment next =
        DaemonDeployments.created(
            deploymentArn,
            current.clusterArn(),
            target,
            DaemonCounts.revisionsWithTasks(daemon, tasks, target == null ? null : target.arn())
                .stream()
                .map(
                    rev ->
                        DaemonCounts.deploymentDetail(
                            daemon, rev, spec.capacityProviderArns(), tasks))
                .toList(),
            spec.deploymentConfiguration(),
            scheduler
                .eligible(
                    Arn.parse(current.clusterArn()).orElseThrow(), spec.capacityProviderArns())
                .size(),
            now);
    store.updateDeployment(
        current.deploymentArn(), d -> DaemonDeployments.superseded(d, deploymentArn, now));
    store.putDeployment(next);
    store.putSpec(current.daemonArn(), spec);
    DaemonDetail saved =
        store
            .updateDetail(
                current.daemonArn(),
                d ->
                    d.toBuilder()
                        .status(status)
                        .deploymentArn(deploymentArn)
                        .updatedAt(now)
                        .build())
            .orElseThrow(() -> new DaemonNotFoundException(notFound()));
    scheduler.deploymentStarted(current.daemonArn());
    return saved;
  }

  public DescribeDaemonResponse describeDaemon(RequestContext ctx, DescribeDaemonRequest r) {
    DaemonDetail d = require(ctx, r.daemonArn());
    Arn daemon = Arn.parse(d.daemonArn()).orElseThrow();
    List<String> providers =
        store.spec(d.daemonArn()).map(CreateDaemonRequest::capacityProviderArns).orElse(List.of());
    String target =
        "ACTIVE".equals(d.statusAsString())
            ? store.deployment(d.deploymentArn()).map(DaemonDeployments::targetOf).orElse(null)
            : null;
    return DescribeDaemonResponse.builder()
        .daemon(
            d.toBuilder()
                .currentRevisions(
                    DaemonCounts.current(daemon, target, providers, index.tasksOf(d.daemonArn())))
                .build())
        .build();
  }

  public ListDaemonsResponse listDaemons(RequestContext ctx, ListDaemonsRequest r) {
    Cluster cluster = clusters.requireActive(ctx, r.clusterArn());
    Set<String> providers =
        r.capacityProviderArns().stream()
            .map(p -> configuration.providerArn(ctx, p))
            .collect(Collectors.toSet());
    Page<DaemonSummary> page =
        pager.page(
            store.inCluster(Arn.parse(cluster.clusterArn()).orElseThrow()),
            d -> providers.isEmpty() || usesAny(d.daemonArn(), providers),
            d ->
                DaemonSummary.builder()
                    .daemonArn(d.daemonArn())
                    .status(d.status())
                    .createdAt(d.createdAt())
                    .updatedAt(d.updatedAt())
                    .build(),
            r.maxResults(),
            r.nextToken());
    return ListDaemonsResponse.builder()
        .daemonSummariesList(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Whether a daemon of the cluster places tasks on a provider (it cannot be deleted then). */
  public boolean usesCapacityProvider(Arn cluster, String providerName) {
    String arn = Arn.ecs(cluster.scope(), "capacity-provider", providerName).toString();
    return store.inCluster(cluster).keySet().stream().anyMatch(d -> usesAny(d, Set.of(arn)));
  }

  private boolean usesAny(String daemonArn, Set<String> providerArns) {
    return store
        .spec(daemonArn)
        .map(s -> s.capacityProviderArns().stream().anyMatch(providerArns::contains))
        .orElse(false);
  }

  /** The daemon a request names, in any status; ClusterNotFound / DaemonNotFound otherwise. */
  DaemonDetail require(RequestContext ctx, String daemonArn) {
    Arn daemon = DaemonArns.parseDaemon(daemonArn);
    if (!daemon.scope().equals(ctx.scope())) {
      throw new DaemonNotFoundException(notFound());
    }
    clusters.requireActive(ctx, DaemonArns.cluster(daemon).toString());
    return store
        .detail(daemon.toString())
        .orElseThrow(() -> new DaemonNotFoundException(notFound()));
  }

  private DaemonDetail requireActive(RequestContext ctx, String daemonArn) {
    DaemonDetail d = require(ctx, daemonArn);
    if (!"ACTIVE".equals(d.statusAsString())) {
      throw new DaemonNotActiveException(
          "The daemon is " + d.statusAsString() + ". Only an ACTIVE daemon can be changed.");
    }
    return d;
  }

  private static String notFound() {
    return "The specified daemon was not found.";
  }

  private static CreateDaemonResponse created(DaemonDetail d) {
    return CreateDaemonResponse.builder()
        .daemonArn(d.daemonArn())
        .status(d.status())
        .createdAt(d.createdAt())
        .deploymentArn(d.deploymentArn())
        .build();
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("CreateDaemon", CreateDaemonRequest.class, this::createDaemon)
        .add("UpdateDaemon", UpdateDaemonRequest.class, this::updateDaemon)
        .add("DeleteDaemon", DeleteDaemonRequest.class, this::deleteDaemon)
        .add("DescribeDaemon", DescribeDaemonRequest.class, this::describeDaemon)
        .add("ListDaemons", ListDaemonsRequest.class, this::listDaemons);
  }
}
