package io.kecs.ecs.service;

import io.kecs.identity.Arn;
import io.kecs.store.RecordTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.ContainerImage;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The service deployment and service revision records behind ListServiceDeployments,
 * DescribeServiceDeployments and DescribeServiceRevisions: one revision and one service deployment
 * per ECS deployment, ids shared through {@link DeploymentIds}.
 */
final class DeploymentHistory {
  private final RecordTable<ServiceDeployment> deployments;
  private final RecordTable<ServiceRevision> revisions;

  DeploymentHistory(
      RecordTable<ServiceDeployment> deployments, RecordTable<ServiceRevision> revisions) {
    this.deployments = deployments;
    this.revisions = revisions;
  }

  /** Records a new deployment; any deployment of the service still in progress is stopped. */
  void started(Service s, Deployment d, TaskDefinition def, Instant now, String rollbackOf) {
    Arn service = Arn.parse(s.serviceArn()).orElseThrow();
    ServiceRevision revision =
        ServiceRevision.builder()
            .serviceRevisionArn(DeploymentIds.serviceRevisionArn(service, d.id()))
            .serviceArn(s.serviceArn())
            .clusterArn(s.clusterArn())
            .taskDefinition(def.taskDefinitionArn())
            .capacityProviderStrategy(s.capacityProviderStrategy())
            .launchType(s.launchType())
            .platformVersion(d.platformVersion())
            .platformFamily(d.platformFamily())
            .loadBalancers(s.loadBalancers())
            .serviceRegistries(s.serviceRegistries())
            .networkConfiguration(s.networkConfiguration())
            .containerImages(
                def.containerDefinitions().stream()
                    .map(
                        c ->
                            ContainerImage.builder()
                                .containerName(c.name())
                                .image(c.image())
                                .build())
                    .toList())
            .guardDutyEnabled(false)
            .createdAt(now)
            .build();
    revisions.put(revision.serviceRevisionArn(), revision);
    List<ServiceRevisionSummary> sources = new ArrayList<>();
    for (Deployment old : s.deployments()) {
      if (old.id().equals(d.id())) {
        continue;
      }
      sources.add(
          ServiceRevisionSummary.builder()
              .arn(DeploymentIds.serviceRevisionArn(service, old.id()))
              .requestedTaskCount(old.desiredCount())
              .runningTaskCount(old.runningCount())
              .pendingTaskCount(old.pendingCount())
              .build());
      update(
          DeploymentIds.serviceDeploymentArn(service, old.id()),
          sd ->
              "IN_PROGRESS".equals(sd.statusAsString())
                  ? sd.toBuilder()
                      .status("STOPPED")
                      .statusReason("Stopped: a newer deployment started.")
                      .stoppedAt(now)
                      .updatedAt(now)
                      .build()
                  : sd);
    }
    DeploymentCircuitBreaker breaker =
        s.deploymentConfiguration() == null
            ? null
            : s.deploymentConfiguration().deploymentCircuitBreaker();
    ServiceDeployment.Builder sd =
        ServiceDeployment.builder()
            .serviceDeploymentArn(DeploymentIds.serviceDeploymentArn(service, d.id()))
            .serviceArn(s.serviceArn())
            .clusterArn(s.clusterArn())
            .createdAt(now)
            .startedAt(now)
            .updatedAt(now)
            .sourceServiceRevisions(sources)
            .targetServiceRevision(
                ServiceRevisionSummary.builder()
                    .arn(revision.serviceRevisionArn())
                    .requestedTaskCount(d.desiredCount())
                    .runningTaskCount(0)
                    .pendingTaskCount(0)
                    .build())
            .status("IN_PROGRESS")
            .deploymentConfiguration(s.deploymentConfiguration())
            .deploymentCircuitBreaker(
                ServiceDeploymentCircuitBreaker.builder()
                    .status(
                        breaker != null && Boolean.TRUE.equals(breaker.enable())
                            ? "MONITORING"
                            : "DISABLED")
                    .failureCount(0)
                    .threshold(CircuitBreaker.threshold(s.desiredCount()))
                    .build());
    if (rollbackOf != null) {
      sd.statusReason("Rolling back " + rollbackOf + ".");
    }
    deployments.put(DeploymentIds.serviceDeploymentArn(service, d.id()), sd.build());
    prune(service, now);
  }

  /** Forgets what ECS would no longer show of the service's history ({@link HistoryRetention}). */
  private void prune(Arn service, Instant now) {
    List<ServiceDeployment> all = of(service);
    HistoryRetention.Kept kept = HistoryRetention.of(all, now);
    List<String> oldDeployments =
        all.stream()
            .map(ServiceDeployment::serviceDeploymentArn)
            .filter(a -> !kept.deploymentArns().contains(a))
            .toList();
    String revisionPrefix = DeploymentIds.serviceRevisionArn(service, "ecs-svc/");
    List<String> oldRevisions =
        revisions.range(revisionPrefix).keySet().stream()
            .filter(a -> !kept.revisionArns().contains(a))
            .toList();
    deployments.deleteAll(oldDeployments);
    revisions.deleteAll(oldRevisions);
  }

  /**
   * The service deployment of {@code primary} succeeded; a rollback that deployed it succeeded too.
   */
  void completed(Service s, Deployment primary, Instant now) {
    Arn service = Arn.parse(s.serviceArn()).orElseThrow();
    String revision = DeploymentIds.serviceRevisionArn(service, primary.id());
    update(
        DeploymentIds.serviceDeploymentArn(service, primary.id()),
        sd ->
            sd.toBuilder()
                .status("SUCCESSFUL")
                .finishedAt(now)
                .updatedAt(now)
                .targetServiceRevision(
                    sd.targetServiceRevision().toBuilder()
                        .runningTaskCount(primary.runningCount())
                        .pendingTaskCount(0)
                        .build())
                .build());
    for (var sd : of(service)) {
      if ("ROLLBACK_IN_PROGRESS".equals(sd.statusAsString())
          && sd.rollback() != null
          && revision.equals(sd.rollback().serviceRevisionArn())) {
        update(
            sd.serviceDeploymentArn(),
            x ->
                x.toBuilder().status("ROLLBACK_SUCCESSFUL").finishedAt(now).updatedAt(now).build());
      }
    }
  }

  void update(String serviceDeploymentArn, UnaryOperator<ServiceDeployment> change) {
    deployments
        .get(serviceDeploymentArn)
        .ifPresent(
            sd -> {
              ServiceDeployment next = change.apply(sd);
              if (next != sd) {
                deployments.put(serviceDeploymentArn, next);
              }
            });
  }

  Optional<ServiceDeployment> deployment(String serviceDeploymentArn) {
    return deployments.get(serviceDeploymentArn);
  }

  Optional<ServiceRevision> revision(String serviceRevisionArn) {
    return revisions.get(serviceRevisionArn);
  }

  /** The service's deployments, newest first. */
  List<ServiceDeployment> of(Arn service) {
    String prefix = DeploymentIds.serviceDeploymentArn(service, "ecs-svc/");
    return deployments.range(prefix).values().stream()
        .sorted(Comparator.comparing(ServiceDeployment::createdAt).reversed())
        .toList();
  }

  /** The newest SUCCESSFUL deployment's revision: where a rollback returns to. */
  Optional<ServiceRevision> lastSuccessful(Arn service) {
    return of(service).stream()
        .filter(sd -> "SUCCESSFUL".equals(sd.statusAsString()))
        .findFirst()
        .flatMap(sd -> revisions.get(sd.targetServiceRevision().arn()));
  }

  void forget(Arn service) {
    List<String> ids = of(service).stream().map(ServiceDeployment::serviceDeploymentArn).toList();
    List<String> revs =
        ids.stream()
            .map(
                a ->
                    DeploymentIds.serviceRevisionArn(
                        service, DeploymentIds.deploymentIdOf(Arn.parse(a).orElseThrow())))
            .toList();
    deployments.deleteAll(ids);
    revisions.deleteAll(revs);
  }
}
