package io.kecs.ecs.service;

import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceCurrentRevisionSummary;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** Shapes a stored service for an answer: tags on request, current deployment and revisions. */
final class ServiceView {
  private final TagService tags;

  ServiceView(TagService tags) {
    this.tags = tags;
  }

  /** A task set with the lists ECS always sends, [] when empty. */
  static TaskSet withLists(TaskSet ts) {
    return ts.toBuilder()
        .loadBalancers(List.copyOf(ts.loadBalancers()))
        .serviceRegistries(List.copyOf(ts.serviceRegistries()))
        .build();
  }

  Service show(Service s, boolean withTags) {
    Arn arn = Arn.parse(s.serviceArn()).orElseThrow();
    // ECS always sends these lists, [] when empty: clients such as deployment monitors call
    // service.loadBalancers.filter(...) without checking for null.
    Service.Builder b =
        s.toBuilder()
            .tags(withTags ? tags.tagsOf(arn) : List.of())
            .loadBalancers(List.copyOf(s.loadBalancers()))
            .serviceRegistries(List.copyOf(s.serviceRegistries()))
            .placementConstraints(List.copyOf(s.placementConstraints()))
            .placementStrategy(List.copyOf(s.placementStrategy()))
            .events(List.copyOf(s.events()))
            .deployments(List.copyOf(s.deployments()))
            .taskSets(s.taskSets().stream().map(ServiceView::withLists).toList());
    Deployment primary = Rollout.primary(s);
    if (primary != null) {
      b.currentServiceDeployment(DeploymentIds.serviceDeploymentArn(arn, primary.id()));
      List<ServiceCurrentRevisionSummary> revisions = new ArrayList<>();
      for (Deployment d : s.deployments()) {
        revisions.add(
            ServiceCurrentRevisionSummary.builder()
                .arn(DeploymentIds.serviceRevisionArn(arn, d.id()))
                .requestedTaskCount(d.desiredCount())
                .runningTaskCount(d.runningCount())
                .pendingTaskCount(d.pendingCount())
                .build());
      }
      b.currentServiceRevisions(revisions);
    }
    return b.build();
  }
}
