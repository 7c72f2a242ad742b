package io.kecs.ecs.service;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.ConflictException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.ServiceDeploymentNotFoundException;
import io.kecs.ecs.error.UnsupportedFeatureException;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContinueServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.ContinueServiceDeploymentResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentResponse;

/**
 * ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions,
 * StopServiceDeployment (roll back to the last successful revision) and ContinueServiceDeployment
 * (lifecycle hooks: KECS runs none, so no deployment ever waits at one).
 */
public final class ServiceDeploymentService {
  private static final int MAX_DESCRIBE = 20;

  private final ClusterService clusters;
  private final ServiceStore services;
  private final DeploymentHistory history;
  private final ServiceScheduler scheduler;
  private final Scheduler clock;
  private final Pager pager = new Pager("serviceDeployments", 20, 100);

  ServiceDeploymentService(
      ClusterService clusters,
      ServiceStore services,
      DeploymentHistory history,
      ServiceScheduler scheduler,
      Scheduler clock) {
    this.clusters = clusters;
    this.services = services;
    this.history = history;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  public ListServiceDeploymentsResponse listServiceDeployments(
      RequestContext ctx, ListServiceDeploymentsRequest r) {
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    String serviceArn = ServiceService.serviceArn(cluster, r.service());
    services
        .get(serviceArn)
        .orElseThrow(
            () -> new io.kecs.ecs.error.ServiceNotFoundException(EcsMessages.SERVICE_NOT_FOUND));
    Arn service = Arn.parse(serviceArn).orElseThrow();
    List<String> statuses = r.statusAsStrings();
    Instant after = r.createdAt() == null ? null : r.createdAt().after();
    Instant before = r.createdAt() == null ? null : r.createdAt().before();
    // Newest first, keyed so the order is stable across pages.
    java.util.TreeMap<String, ServiceDeployment> ordered = new java.util.TreeMap<>();
    for (ServiceDeployment sd : history.of(service)) {
      ordered.put(
          String.format("%020d", Long.MAX_VALUE - sd.createdAt().toEpochMilli())
              + sd.serviceDeploymentArn(),
          sd);
    }
    Page<ServiceDeploymentBrief> page =
        pager.page(
            ordered,
            sd ->
                (statuses.isEmpty() || statuses.contains(sd.statusAsString()))
                    && (after == null || sd.createdAt().isAfter(after))
                    && (before == null || sd.createdAt().isBefore(before)),
            ServiceDeploymentService::brief,
            r.maxResults(),
            r.nextToken());
    return ListServiceDeploymentsResponse.builder()
        .serviceDeployments(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeServiceDeploymentsResponse describeServiceDeployments(
      RequestContext ctx, DescribeServiceDeploymentsRequest r) {
    checkCount(r.serviceDeploymentArns().size());
    List<ServiceDeployment> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String arn : r.serviceDeploymentArns()) {
      Optional<ServiceDeployment> sd = inScope(ctx, arn).flatMap(a -> history.deployment(arn));
      if (sd.isPresent()) {
        found.add(sd.get());
      } else {
        failures.add(Failure.builder().arn(arn).reason("MISSING").build());
      }
    }
    return DescribeServiceDeploymentsResponse.builder()
        .serviceDeployments(found)
        .failures(failures)
        .build();
  }

  public DescribeServiceRevisionsResponse describeServiceRevisions(
      RequestContext ctx, DescribeServiceRevisionsRequest r) {
    checkCount(r.serviceRevisionArns().size());
    List<ServiceRevision> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String arn : r.serviceRevisionArns()) {
      Optional<ServiceRevision> rev = inScope(ctx, arn).flatMap(a -> history.revision(arn));
      if (rev.isPresent()) {
        found.add(rev.get());
      } else {
        failures.add(Failure.builder().arn(arn).reason("MISSING").build());
      }
    }
    return DescribeServiceRevisionsResponse.builder()
        .serviceRevisions(found)
        .failures(failures)
        .build();
  }

  public StopServiceDeploymentResponse stopServiceDeployment(
      RequestContext ctx, StopServiceDeploymentRequest r) {
    String arn = r.serviceDeploymentArn();
    ServiceDeployment sd =
        inScope(ctx, arn)
            .flatMap(a -> history.deployment(arn))
            .orElseThrow(
                () ->
                    new ServiceDeploymentNotFoundException(
                        "The service deployment does not exist."));
    if (r.stopType() != null && !"ROLLBACK".equals(r.stopTypeAsString())) {
      throw new InvalidParameterException("Only the ROLLBACK stop type is supported.");
    }
    if (!"IN_PROGRESS".equals(sd.statusAsString()) && !"PENDING".equals(sd.statusAsString())) {
      throw new ConflictException(
          "The service deployment is not in progress and cannot be stopped.");
    }
    Arn service = DeploymentIds.serviceOf(Arn.parse(arn).orElseThrow());
    ServiceRevision previous =
        history
            .lastSuccessful(service)
            .orElseThrow(
                () ->
                    new ConflictException(
                        "The service deployment cannot be rolled back: there is no earlier successful revision."));
    Instant now = clock.now();
    String deploymentId = DeploymentIds.deploymentIdOf(Arn.parse(arn).orElseThrow());
    history.update(
        arn,
        x ->
            x.toBuilder()
                .status("ROLLBACK_IN_PROGRESS")
                .statusReason("Stopped by user: rolling back.")
                .updatedAt(now)
                .build());
    services.update(
        service.toString(),
        s -> {
          Service failed =
              ServiceStatus.withPrimary(
                  s,
                  Rollout.primary(s).toBuilder()
                      .rolloutState("FAILED")
                      .rolloutStateReason("Service deployment stopped by user.")
                      .updatedAt(now)
                      .build());
          return failed;
        });
    scheduler.rollBack(service.toString(), previous, deploymentId, now);
    return StopServiceDeploymentResponse.builder().serviceDeploymentArn(arn).build();
  }

  public ContinueServiceDeploymentResponse continueServiceDeployment(
      RequestContext ctx, ContinueServiceDeploymentRequest r) {
    String arn = r.serviceDeploymentArn();
    inScope(ctx, arn)
        .flatMap(a -> history.deployment(arn))
        .orElseThrow(
            () -> new ServiceDeploymentNotFoundException("The service deployment does not exist."));
    throw new UnsupportedFeatureException(
        "The service deployment is not paused at lifecycle hook "
            + r.hookId()
            + ": KECS does not run deployment lifecycle hooks.");
  }

  private static ServiceDeploymentBrief brief(ServiceDeployment sd) {
    return ServiceDeploymentBrief.builder()
        .serviceDeploymentArn(sd.serviceDeploymentArn())
        .serviceArn(sd.serviceArn())
        .clusterArn(sd.clusterArn())
        .startedAt(sd.startedAt())
        .createdAt(sd.createdAt())
        .finishedAt(sd.finishedAt())
        .targetServiceRevisionArn(
            sd.targetServiceRevision() == null ? null : sd.targetServiceRevision().arn())
        .status(sd.statusAsString())
        .statusReason(sd.statusReason())
        .build();
  }

  private static Optional<Arn> inScope(RequestContext ctx, String arn) {
    return Arn.parse(arn).filter(a -> a.scope().equals(ctx.scope()));
  }

  private static void checkCount(int n) {
    if (n < 1 || n > MAX_DESCRIBE) {
      throw new InvalidParameterException(
          "You can specify between 1 and " + MAX_DESCRIBE + " ARNs.");
    }
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add(
            "ListServiceDeployments",
            ListServiceDeploymentsRequest.class,
            this::listServiceDeployments)
        .add(
            "DescribeServiceDeployments",
            DescribeServiceDeploymentsRequest.class,
            this::describeServiceDeployments)
        .add(
            "StopServiceDeployment",
            StopServiceDeploymentRequest.class,
            this::stopServiceDeployment)
        .add(
            "ContinueServiceDeployment",
            ContinueServiceDeploymentRequest.class,
            this::continueServiceDeployment)
        .add(
            "DescribeServiceRevisions",
            DescribeServiceRevisionsRequest.class,
            this::describeServiceRevisions);
  }
}
