package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;

/**
 * Issue 12, item 7: a service updated 130 times keeps its newest 100 service deployments (and their
 * revisions); the first ones are no longer describable, as older history is not in ECS.
 */
class HistoryRetentionIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  @Test
  void historyIsBoundedPerService() {
    ecs.createCluster(r -> r.clusterName("hist"));
    String def =
        ecs.registerTaskDefinition(
                r ->
                    r.family("hist")
                        .containerDefinitions(c -> c.name("app").image("nginx").memory(64)))
            .taskDefinition()
            .taskDefinitionArn();
    ecs.createService(
        r ->
            r.cluster("hist")
                .serviceName("busy")
                .taskDefinition(def)
                .desiredCount(0)
                .launchType(LaunchType.EC2));
    for (int i = 0; i < 130; i++) {
      ecs.updateService(r -> r.cluster("hist").service("busy").forceNewDeployment(true));
    }
    List<ServiceDeploymentBrief> all = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page =
          ecs.listServiceDeployments(
              r -> r.cluster("hist").service("busy").nextToken(next).maxResults(100));
      all.addAll(page.serviceDeployments());
      token = page.nextToken();
    } while (token != null);
    assertThat(all).hasSizeBetween(100, 102);

    // The oldest kept deployment's revisions are describable; the revision before them is not.
    var described =
        ecs.describeServiceDeployments(
                r -> r.serviceDeploymentArns(all.get(all.size() - 1).serviceDeploymentArn()))
            .serviceDeployments();
    assertThat(described).hasSize(1);
    String target = described.get(0).targetServiceRevision().arn();
    assertThat(ecs.describeServiceRevisions(r -> r.serviceRevisionArns(target)).serviceRevisions())
        .hasSize(1);
    long revisionsKept =
        all.stream()
            .map(b -> b.targetServiceRevisionArn())
            .filter(
                a ->
                    !ecs.describeServiceRevisions(r -> r.serviceRevisionArns(a))
                        .serviceRevisions()
                        .isEmpty())
            .count();
    assertThat(revisionsKept).isEqualTo(all.size());
  }
}
