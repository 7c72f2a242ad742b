package io.kecs.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.clock.RealTimeScheduler;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.store.Database;
import io.kecs.store.ResetGate;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** Every operation of the ELBv2 model is served, and docs/operations.md names each one. */
class Elbv2OperationCoverageTest {
  private static Set<String> served() {
    ResetGate gate = new ResetGate();
    try (Database db = Database.inMemory(gate);
        RealTimeScheduler scheduler = new RealTimeScheduler(gate)) {
      return Set.copyOf(
          new Elbv2Api(db, new AwsJsonCodec(), scheduler, null).service().operationNames());
    }
  }

  @Test
  void everyModelOperationIsServed() {
    Set<String> model =
        Arrays.stream(ElasticLoadBalancingV2Client.class.getMethods())
            .filter(m -> m.getParameterCount() == 1)
            .map(Method::getParameterTypes)
            .map(p -> p[0].getSimpleName())
            .filter(n -> n.endsWith("Request"))
            .map(n -> n.substring(0, n.length() - "Request".length()))
            .map(n -> n.equals("DescribeSslPolicies") ? "DescribeSSLPolicies" : n)
            .collect(Collectors.toSet());
    assertThat(model).hasSize(51);
    assertThat(served()).containsExactlyInAnyOrderElementsOf(model);
  }

  @Test
  void theOperationsPageNamesEveryOperation() throws Exception {
    String page = java.nio.file.Files.readString(java.nio.file.Path.of("docs/operations.md"));
    for (String op : served()) {
      assertThat(page).as("docs/operations.md").contains("| " + op + " |");
    }
  }
}
