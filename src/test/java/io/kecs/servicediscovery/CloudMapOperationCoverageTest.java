package io.kecs.servicediscovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.clock.ManualScheduler;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.store.Database;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/** Every operation of the Cloud Map model is routed, and docs/operations.md names each one. */
class CloudMapOperationCoverageTest {
  static Set<String> modelOperations() {
    return Arrays.stream(ServiceDiscoveryClient.class.getMethods())
        .filter(m -> m.getParameterCount() == 1)
        .map(Method::getParameterTypes)
        .map(p -> p[0].getSimpleName())
        .filter(n -> n.endsWith("Request"))
        .map(n -> n.substring(0, n.length() - "Request".length()))
        .collect(Collectors.toSet());
  }

  @Test
  void everyModelOperationIsRouted() {
    assertThat(modelOperations()).hasSize(30);
    try (Database db = Database.inMemory()) {
      CloudMapApi api = new CloudMapApi(db, new AwsJsonCodec(), new ManualScheduler());
      assertThat(api.service().operationNames())
          .containsExactlyInAnyOrderElementsOf(modelOperations());
    }
  }

  @Test
  void theOperationsPageNamesEveryOperation() throws Exception {
    String page = Files.readString(Path.of("docs/operations.md"));
    String section = page.substring(page.indexOf("# Cloud Map operations in KECS"));
    for (String op : modelOperations()) {
      assertThat(section).as("docs/operations.md, Cloud Map section").contains("| " + op + " |");
    }
  }
}
