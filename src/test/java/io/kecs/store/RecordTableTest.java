package io.kecs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.protocol.AwsJsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Cluster;

/** Records survive a reopen, and answers reuse exactly the stored wire form, never a stale one. */
class RecordTableTest {
  private final AwsJsonCodec codec = new AwsJsonCodec();

  private static Cluster cluster(String name, String status) {
    return Cluster.builder().clusterArn("arn:" + name).clusterName(name).status(status).build();
  }

  private String json(Object pojo) {
    return new String(
        codec.write((software.amazon.awssdk.core.SdkPojo) pojo), StandardCharsets.UTF_8);
  }

  @Test
  void wireFormIsReusedOnlyForTheStoredInstance() {
    try (Database db = Database.inMemory()) {
      RecordTable<Cluster> table = new RecordTable<>(db, codec, "c", Cluster.class);
      Cluster active = table.put("a", cluster("a", "ACTIVE"));
      String first = json(active);
      Cluster inactive = table.put("a", active.toBuilder().status("INACTIVE").build());
      assertThat(json(inactive)).contains("INACTIVE").isEqualTo(json(inactive.toBuilder().build()));
      assertThat(json(active)).isEqualTo(first).contains("ACTIVE").doesNotContain("INACTIVE");
      table.putAll(Map.of("b", cluster("b", "ACTIVE")));
      assertThat(json(table.get("b").orElseThrow())).isEqualTo(json(cluster("b", "ACTIVE")));
    }
  }

  @Test
  void recordsAreReadBackAfterReopening() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("kecs-table");
    Cluster c = cluster("x", "ACTIVE").toBuilder().registeredContainerInstancesCount(0).build();
    try (Database db = Database.open(dir)) {
      new RecordTable<>(db, codec, "c", Cluster.class).put("x", c);
    }
    try (Database db = Database.open(dir)) {
      RecordTable<Cluster> reopened = new RecordTable<>(db, new AwsJsonCodec(), "c", Cluster.class);
      assertThat(reopened.get("x")).contains(c);
      reopened.deleteAll(java.util.List.of("x"));
      assertThat(reopened.get("x")).isEmpty();
    }
  }
}
