package io.kecs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.protocol.AwsJsonCodec;
import io.kecs.store.Database;
import io.kecs.testing.TestEcsApi;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/** Every operation the ECS model defines is routed: none answers "unknown operation". */
class OperationCoverageTest {
  @Test
  void everyModelOperationIsRouted() {
    Set<String> modelOperations =
        Arrays.stream(EcsClient.class.getMethods())
            .filter(m -> m.getParameterCount() == 1)
            .map(Method::getParameterTypes)
            .map(p -> p[0].getSimpleName())
            .filter(n -> n.endsWith("Request"))
            .map(n -> n.substring(0, n.length() - "Request".length()))
            .collect(Collectors.toSet());
    assertThat(modelOperations).hasSize(77);
    try (Database db = Database.inMemory()) {
      assertThat(TestEcsApi.create(db, new AwsJsonCodec()).service().operationNames())
          .containsExactlyInAnyOrderElementsOf(modelOperations);
    }
  }

  @Test
  void theOperationsPageNamesEveryOperation() throws Exception {
    String page = java.nio.file.Files.readString(java.nio.file.Path.of("docs/operations.md"));
    try (Database db = Database.inMemory()) {
      for (String op : TestEcsApi.create(db, new AwsJsonCodec()).service().operationNames()) {
        assertThat(page).as("docs/operations.md").contains("| " + op + " |");
      }
    }
  }
}
