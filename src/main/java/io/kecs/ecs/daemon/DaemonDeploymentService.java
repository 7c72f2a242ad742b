package io.kecs.ecs.daemon;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.CreateDaemonRequest;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentSummary;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonRevisionsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListDaemonDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListDaemonDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * DescribeDaemonDeployments, ListDaemonDeployments and DescribeDaemonRevisions, backed by the
 * deployment and revision records. A deployment still under way shows its revisions' instance
 * counts as they are now; a finished one shows them as they ended.
 */
public final class DaemonDeploymentService {
  private static final int MAX_DESCRIBE = 20;

  private final ClusterService clusters;
  private final DaemonStore store;
  private final DaemonTaskIndex index;
  private final Pager pager = new Pager("daemonDeployments", 20, 100);

  DaemonDeploymentService(ClusterService clusters, DaemonStore store, DaemonTaskIndex index) {
    this.clusters = clusters;
    this.store = store;
    this.index = index;
  }

  public DescribeDaemonDeploymentsResponse describeDaemonDeployments(
      RequestContext ctx, DescribeDaemonDeploymentsRequest r) {
    checkCount("daemonDeploymentArns", r.daemonDeploymentArns().size());
    List<DaemonDeployment> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String arn : r.daemonDeploymentArns()) {
      Optional<DaemonDeployment> d =
          inScope(ctx, arn, DaemonArns.DEPLOYMENT).flatMap(a -> store.deployment(arn));
      if (d.isPresent()) {
        found.add(live(d.get()));
      } else {
        failures.add(Failure.builder().arn(arn).reason("MISSING").build());
      }
    }
    return DescribeDaemonDeploymentsResponse.builder()
        .daemonDeployments(found)
        .failures(failures)
        .build();
  }

  /** A daemon's deployments, newest first, filtered by status and creation time. */
  public ListDaemonDeploymentsResponse listDaemonDeployments(
      RequestContext ctx, ListDaemonDeploymentsRequest r) {
    Arn daemon = DaemonArns.parseDaemon(r.daemonArn());
    if (!daemon.scope().equals(ctx.scope())) {
      return ListDaemonDeploymentsResponse.builder().daemonDeployments(List.of()).build();
    }
    clusters.requireActive(ctx, DaemonArns.cluster(daemon).toString());
    Instant after = r.createdAt() == null ? null : r.createdAt().after();
    Instant before = r.createdAt() == null ? null : r.createdAt().before();
    List<String> statuses = r.statusAsStrings();
    // Keys order newest first; the ARN breaks ties so every key is unique.
    TreeMap<String, DaemonDeployment> newestFirst = new TreeMap<>();
    for (DaemonDeployment d : store.deploymentsOf(daemon).values()) {
      long inverted = Long.MAX_VALUE - d.createdAt().toEpochMilli();
      newestFirst.put(String.format("%019d/%s", inverted, d.daemonDeploymentArn()), d);
    }
    Page<DaemonDeploymentSummary> page =
        pager.page(
            newestFirst,
            d ->
                (statuses.isEmpty() || statuses.contains(d.statusAsString()))
                    && (after == null || !d.createdAt().isBefore(after))
                    && (before == null || !d.createdAt().isAfter(before)),
            d -> summary(daemon, d),
            r.maxResults(),
            r.nextToken());
    return ListDaemonDeploymentsResponse.builder()
        .daemonDeployments(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeDaemonRevisionsResponse describeDaemonRevisions(
      RequestContext ctx, DescribeDaemonRevisionsRequest r) {
    checkCount("daemonRevisionArns", r.daemonRevisionArns().size());
    List<DaemonRevision> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String arn : r.daemonRevisionArns()) {
      Optional<DaemonRevision> rev =
          inScope(ctx, arn, DaemonArns.REVISION).flatMap(a -> store.revision(arn));
      if (rev.isPresent()) {
        found.add(rev.get());
      } else {
        failures.add(Failure.builder().arn(arn).reason("MISSING").build());
      }
    }
    return DescribeDaemonRevisionsResponse.builder()
        .daemonRevisions(found)
        .failures(failures)
        .build();
  }

  /** A deployment under way with its revisions' counts as they are now. */
  private DaemonDeployment live(DaemonDeployment d) {
    if (!DaemonDeployments.isLive(d)) {
      return d;
    }
    Arn daemon = DaemonArns.daemonOf(d.daemonDeploymentArn(), DaemonArns.DEPLOYMENT).orElseThrow();
    List<Task> tasks = index.tasksOf(daemon.toString());
    List<String> providers =
        store
            .spec(daemon.toString())
            .map(CreateDaemonRequest::capacityProviderArns)
            .orElse(List.of());
    DaemonDeployment.Builder b =
        d.toBuilder()
            .sourceDaemonRevisions(
                d.sourceDaemonRevisions().stream()
                    .map(s -> DaemonCounts.deploymentDetail(daemon, s.arn(), providers, tasks))
                    .toList());
    if (d.targetDaemonRevision() != null) {
      b.targetDaemonRevision(
          DaemonCounts.deploymentDetail(daemon, d.targetDaemonRevision().arn(), providers, tasks));
    }
    return b.build();
  }

  private static DaemonDeploymentSummary summary(Arn daemon, DaemonDeployment d) {
    return DaemonDeploymentSummary.builder()
        .daemonDeploymentArn(d.daemonDeploymentArn())
        .daemonArn(daemon.toString())
        .clusterArn(d.clusterArn())
        .status(d.status())
        .statusReason(d.statusReason())
        .targetDaemonRevisionArn(
            d.targetDaemonRevision() == null ? null : d.targetDaemonRevision().arn())
        .createdAt(d.createdAt())
        .startedAt(d.startedAt())
        .stoppedAt(d.stoppedAt())
        .finishedAt(d.finishedAt())
        .build();
  }

  private static Optional<Arn> inScope(RequestContext ctx, String arn, String type) {
    return DaemonArns.daemonOf(arn, type).filter(a -> a.scope().equals(ctx.scope()));
  }

  private static void checkCount(String member, int n) {
    if (n < 1 || n > MAX_DESCRIBE) {
      throw new InvalidParameterException(
          member + " must have between 1 and " + MAX_DESCRIBE + " items, but had " + n + ".");
    }
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add(
            "DescribeDaemonDeployments",
            DescribeDaemonDeploymentsRequest.class,
            this::describeDaemonDeployments)
        .add(
            "ListDaemonDeployments",
            ListDaemonDeploymentsRequest.class,
            this::listDaemonDeployments)
        .add(
            "DescribeDaemonRevisions",
            DescribeDaemonRevisionsRequest.class,
            this::describeDaemonRevisions);
  }
}
