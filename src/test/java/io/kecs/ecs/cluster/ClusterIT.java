package io.kecs.ecs.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.Tag;

class ClusterIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  @Test
  void createDescribeListDelete() {
    Cluster created =
        ecs.createCluster(
                r -> r.clusterName("web").tags(Tag.builder().key("team").value("a").build()))
            .cluster();
    assertThat(created.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/web");
    assertThat(created.status()).isEqualTo("ACTIVE");
    assertThat(created.settings())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo(ClusterSettingName.CONTAINER_INSIGHTS);
              assertThat(s.value()).isEqualTo("disabled");
            });

    DescribeClustersResponse described =
        ecs.describeClusters(r -> r.clusters("web", "missing").include(ClusterField.TAGS));
    assertThat(described.clusters())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.clusterName()).isEqualTo("web");
              assertThat(c.tags()).containsExactly(Tag.builder().key("team").value("a").build());
              assertThat(c.runningTasksCount()).isZero();
              assertThat(c.hasSettings()).isFalse();
            });
    assertThat(described.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/missing");
              assertThat(f.reason()).isEqualTo("MISSING");
            });

    assertThat(ecs.listClusters().clusterArns()).containsExactly(created.clusterArn());

    Cluster deleted = ecs.deleteCluster(r -> r.cluster(created.clusterArn())).cluster();
    assertThat(deleted.status()).isEqualTo("INACTIVE");
    // ECS keeps listing a deleted cluster for a while (item 12 of issue 11).
    assertThat(ecs.listClusters().clusterArns()).containsExactly(created.clusterArn());
    assertThat(ecs.describeClusters(r -> r.clusters("web")).clusters().get(0).status())
        .isEqualTo("INACTIVE");
    assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("web")))
        .isInstanceOf(ClusterNotFoundException.class);
  }

  @Test
  void createIsIdempotentAndDefaultsToTheDefaultCluster() {
    ecs.createCluster(r -> r.clusterName("x"));
    Cluster again = ecs.createCluster(r -> r.clusterName("x")).cluster();
    assertThat(again.clusterName()).isEqualTo("x");
    assertThat(ecs.createCluster(r -> {}).cluster().clusterName()).isEqualTo("default");
    assertThat(ecs.describeClusters(r -> {}).clusters())
        .extracting(Cluster::clusterName)
        .containsExactly("default");
  }

  @Test
  void invalidNamesAndSettingsAreRefused() {
    assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("bad name!")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.createCluster(
                    r -> r.clusterName("c").settings(s -> s.name("containerInsights").value("on"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.createCluster(
                    r -> r.clusterName("c").tags(Tag.builder().key("aws:x").value("v").build())))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.updateClusterSettings(
                    r ->
                        r.cluster("nope")
                            .settings(s -> s.name("containerInsights").value("enabled"))))
        .isInstanceOf(ClusterNotFoundException.class);
  }

  @Test
  void updateSettingsAndConfiguration() {
    ecs.createCluster(r -> r.clusterName("u"));
    Cluster updated =
        ecs.updateClusterSettings(
                r -> r.cluster("u").settings(s -> s.name("containerInsights").value("enhanced")))
            .cluster();
    assertThat(updated.settings().get(0).value()).isEqualTo("enhanced");
    Cluster withConfig =
        ecs.updateCluster(
                r ->
                    r.cluster("u")
                        .configuration(
                            c -> c.executeCommandConfiguration(e -> e.logging("DEFAULT")))
                        .serviceConnectDefaults(s -> s.namespace("apps")))
            .cluster();
    assertThat(withConfig.configuration().executeCommandConfiguration().loggingAsString())
        .isEqualTo("DEFAULT");
    assertThat(withConfig.serviceConnectDefaults().namespace())
        .startsWith("arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-");
    Cluster described =
        ecs.describeClusters(
                r -> r.clusters("u").include(ClusterField.CONFIGURATIONS, ClusterField.SETTINGS))
            .clusters()
            .get(0);
    assertThat(described.configuration()).isEqualTo(withConfig.configuration());
    assertThat(described.settings().get(0).value()).isEqualTo("enhanced");
  }

  @Test
  void listPagesNeverRepeatOrSkip() {
    Set<String> made = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      String name = "c" + i;
      made.add(ecs.createCluster(r -> r.clusterName(name)).cluster().clusterArn());
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListClustersResponse page = ecs.listClusters(r -> r.maxResults(10).nextToken(t));
      seen.addAll(page.clusterArns());
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(made);
    assertThat(ecs.listClustersPaginator(r -> r.maxResults(7)).clusterArns()).hasSize(25);
    assertThatThrownBy(() -> ecs.listClusters(r -> r.nextToken("garbage")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.listClusters(r -> r.maxResults(101)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void stateIsSeparatePerAccountAndRegion() {
    ecs.createCluster(r -> r.clusterName("shared-name"));
    try (EcsClient other = kecs.client("111122223333", Region.EU_WEST_1)) {
      assertThat(other.listClusters().clusterArns()).isEmpty();
      Cluster c = other.createCluster(r -> r.clusterName("shared-name")).cluster();
      assertThat(c.clusterArn())
          .isEqualTo("arn:aws:ecs:eu-west-1:111122223333:cluster/shared-name");
    }
    assertThat(ecs.listClusters().clusterArns())
        .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/shared-name");
    ecs.createCluster(r -> r.clusterName("second"));
    String token = ecs.listClusters(r -> r.maxResults(1)).nextToken();
    try (EcsClient other = kecs.client("111122223333", Region.EU_WEST_1)) {
      assertThatThrownBy(() -> other.listClusters(r -> r.nextToken(token)))
          .isInstanceOf(InvalidParameterException.class);
    }
  }

  @Test
  void newClustersFollowTheAccountContainerInsightsSetting() {
    ecs.putAccountSettingDefault(r -> r.name("containerInsights").value("enhanced"));
    Cluster c = ecs.createCluster(r -> r.clusterName("insights")).cluster();
    assertThat(c.settings().get(0).value()).isEqualTo("enhanced");
  }

  @Test
  void tagsOnClusters() {
    String arn = ecs.createCluster(r -> r.clusterName("t")).cluster().clusterArn();
    ecs.tagResource(
        r ->
            r.resourceArn(arn)
                .tags(
                    Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("b").value("2").build()));
    ecs.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().key("b").value("2").build());
    assertThatThrownBy(
            () ->
                ecs.listTagsForResource(
                    r -> r.resourceArn("arn:aws:ecs:us-east-1:000000000000:cluster/none")))
        .isInstanceOf(software.amazon.awssdk.services.ecs.model.ResourceNotFoundException.class);
  }
}
