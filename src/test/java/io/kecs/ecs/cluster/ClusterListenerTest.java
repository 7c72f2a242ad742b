package io.kecs.ecs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.RequestContext;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;

/** Listeners hear of clusters that come into being and go, once each. */
class ClusterListenerTest {
  private final Database db = Database.inMemory();
  private final AwsJsonCodec codec = new AwsJsonCodec();
  private final io.kecs.clock.ManualScheduler clock = new io.kecs.clock.ManualScheduler();
  private final ClusterService clusters =
      new ClusterService(
          new RecordTable<>(db, codec, "cluster", Cluster.class),
          new TagService(new RecordTable<>(db, codec, "tag", TagResourceRequest.class)),
          clock::now);
  private final RequestContext ctx =
      new RequestContext("r", new Scope("000000000000", "us-east-1"));
  private final List<String> events = new ArrayList<>();

  ClusterListenerTest() {
    clusters.addListener(
        new ClusterListener() {
          @Override
          public void clusterCreated(Cluster cluster) {
            events.add("created " + cluster.clusterName());
          }

          @Override
          public void clusterDeleted(Cluster cluster) {
            events.add("deleted " + cluster.clusterName() + " " + cluster.status());
          }
        });
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void createdOnceDeletedOnceAndTheDefaultClusterToo() {
    clusters.createCluster(ctx, CreateClusterRequest.builder().clusterName("web").build());
    clusters.createCluster(ctx, CreateClusterRequest.builder().clusterName("web").build());
    clusters.requireActiveOrCreateDefault(ctx, null);
    clusters.deleteCluster(ctx, DeleteClusterRequest.builder().cluster("web").build());
    assertThat(events).containsExactly("created web", "created default", "deleted web INACTIVE");
    assertThat(clusters.activeClusters())
        .extracting(Cluster::clusterName)
        .containsExactly("default");
  }

  @Test
  void aDeletedClusterIsListedForAWhileThenOnlyDescribable() {
    String arn =
        clusters
            .createCluster(ctx, CreateClusterRequest.builder().clusterName("gone").build())
            .cluster()
            .clusterArn();
    clusters.deleteCluster(ctx, DeleteClusterRequest.builder().cluster("gone").build());
    var list = software.amazon.awssdk.services.ecs.model.ListClustersRequest.builder().build();
    assertThat(clusters.listClusters(ctx, list).clusterArns()).containsExactly(arn);
    clock.advance(ClusterService.INACTIVE_LISTED.plusSeconds(1));
    assertThat(clusters.listClusters(ctx, list).clusterArns()).isEmpty();
    assertThat(clusters.find(io.kecs.identity.Arn.parse(arn).orElseThrow()))
        .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo("INACTIVE"));
  }

  @Test
  void aFailingListenerDoesNotFailTheRequest() {
    clusters.addListener(
        new ClusterListener() {
          @Override
          public void clusterCreated(Cluster cluster) {
            throw new IllegalStateException("boom");
          }

          @Override
          public void clusterDeleted(Cluster cluster) {}
        });
    assertThat(
            clusters
                .createCluster(ctx, CreateClusterRequest.builder().clusterName("ok").build())
                .cluster()
                .status())
        .isEqualTo("ACTIVE");
  }
}
