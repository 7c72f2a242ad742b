package io.kecs.ecs.service;

import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceCurrentRevisionSummary;

/** Shapes a stored service for an answer: tags on request, current deployment and revisions. */
final class ServiceView {
  private final TagService tags;

  ServiceView(TagService tags) {
    this.tags = tags;
  }

  Service show(Service s, boolean withTags) {
    Arn arn = Arn.parse(s.serviceArn()).orElseThrow();
    Service.Builder b = s.toBuilder().tags(withTags ? tags.tagsOf(arn) : List.of());
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
