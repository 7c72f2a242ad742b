package io.kecs.ecs.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Instance choice for EC2 tasks, without I/O: a fixed catalog of candidates. */
class TaskPlacerTest {
  private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
  private static final Arn CLUSTER = Arn.ecs(SCOPE, "cluster", "c");
  private static final TaskDefinition SMALL =
      TaskDefinition.builder()
          .containerDefinitions(c -> c.name("app").image("busybox").cpu(128).memory(128))
          .build();

  private static InstanceCatalog.Candidate instance(String id, String provider) {
    return new InstanceCatalog.Candidate(
        "arn:aws:ecs:us-east-1:000000000000:container-instance/c/" + id,
        "i-" + id,
        "us-east-1a",
        2048,
        4096,
        Map.of(),
        provider,
        java.util.Set.of(),
        java.util.Set.of());
  }

  private static TaskPlacer placer(InstanceCatalog.Candidate... candidates) {
    return new TaskPlacer(
        new InstanceCatalog() {
          @Override
          public List<Candidate> candidates(Arn cluster) {
            return List.of(candidates);
          }

          @Override
          public boolean matches(Candidate candidate, String expression) {
            return true;
          }
        });
  }

  @Test
  void aCapacityProviderPlacesOnlyOnItsOwnInstances() {
    TaskPlacer placer = placer(instance("a", "batch"), instance("b", "spot"), instance("c", null));
    TaskPlacer.Result r = placer.place(CLUSTER, SMALL, 8, List.of(), List.of(), "batch");
    assertThat(r.failures()).isEmpty();
    assertThat(r.chosen())
        .hasSize(8)
        .allSatisfy(c -> assertThat(c.capacityProviderName()).isEqualTo("batch"));
  }

  @Test
  void withoutAProviderAnyInstanceIsACandidate() {
    TaskPlacer placer = placer(instance("a", "batch"), instance("b", "spot"));
    TaskPlacer.Result r = placer.place(CLUSTER, SMALL, 40, List.of(), List.of(), null);
    assertThat(r.chosen())
        .extracting(InstanceCatalog.Candidate::capacityProviderName)
        .contains("batch", "spot");
  }

  @Test
  void aProviderWithoutInstancesFailsEveryTaskNamingTheProvider() {
    TaskPlacer placer = placer(instance("a", "batch"));
    TaskPlacer.Result r = placer.place(CLUSTER, SMALL, 2, List.of(), List.of(), "empty");
    assertThat(r.chosen()).isEmpty();
    assertThat(r.failures())
        .hasSize(2)
        .allSatisfy(
            f -> {
              assertThat(f.arn())
                  .isEqualTo("arn:aws:ecs:us-east-1:000000000000:capacity-provider/empty");
              assertThat(f.reason()).isEqualTo("MISSING");
            });
    assertThat(r.failures()).extracting(Failure::detail).allMatch(d -> d.contains("empty"));
  }
}
