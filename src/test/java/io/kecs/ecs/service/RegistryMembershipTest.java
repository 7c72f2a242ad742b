package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskStore;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.registry.ServiceRegistries;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** A service task's registration follows its status and health, against a recording registry. */
class RegistryMembershipTest {
  private static final String REGISTRY =
      "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-1";
  private static final String TASK =
      "arn:aws:ecs:us-east-1:000000000000:task/apps/0123456789abcdef0123456789abcdef";

  /** Records every call as one line. */
  static final class Recording implements ServiceRegistries {
    final List<String> calls = new ArrayList<>();
    Map<String, String> attributes;

    @Override
    public Optional<Registry> find(Scope scope, String registryArn) {
      return Optional.of(new Registry(registryArn, true, false, false, true));
    }

    @Override
    public void register(Scope scope, String arn, String id, Map<String, String> attributes) {
      this.attributes = attributes;
      calls.add("register " + id);
    }

    @Override
    public void deregister(Scope scope, String arn, String id) {
      calls.add("deregister " + id);
    }

    @Override
    public void health(Scope scope, String arn, String id, boolean healthy) {
      calls.add("health " + healthy);
    }

    @Override
    public List<Member> members() {
      return List.of();
    }

    @Override
    public Optional<String> namespace(Scope scope, String nameOrArn) {
      return Optional.empty();
    }

    @Override
    public String namespaceOrCreate(Scope scope, String nameOrArn) {
      return nameOrArn;
    }

    @Override
    public String serviceOrCreate(Scope scope, String namespaceArn, String name) {
      return name;
    }

    @Override
    public String namespaceName(Scope scope, String namespaceArn) {
      return null;
    }

    @Override
    public void alias(String dnsName, String registryArn) {}
  }

  private static Task task(String last, String desired, String health) {
    return Task.builder()
        .taskArn(TASK)
        .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/apps")
        .group("service:orders")
        .startedBy("ecs-svc/1")
        .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/orders:1")
        .availabilityZone("us-east-1a")
        .lastStatus(last)
        .desiredStatus(desired)
        .healthStatus(health)
        .attachments(
            Attachment.builder()
                .type("ElasticNetworkInterface")
                .details(
                    KeyValuePair.builder().name("privateIPv4Address").value("10.0.0.7").build())
                .build())
        .build();
  }

  @Test
  void registersWhileRunningFollowsHealthAndLeavesWhenAskedToStop() {
    try (Database db = Database.inMemory()) {
      AwsJsonCodec codec = new AwsJsonCodec();
      ServiceStore services =
          new ServiceStore(new RecordTable<>(db, codec, "service", Service.class));
      services.put(
          Service.builder()
              .serviceArn("arn:aws:ecs:us-east-1:000000000000:service/apps/orders")
              .serviceName("orders")
              .serviceRegistries(r -> r.registryArn(REGISTRY))
              .deployments(Deployment.builder().id("ecs-svc/1").build())
              .build());
      TaskDefinition def = TaskDefinition.builder().family("orders").networkMode("awsvpc").build();
      RegistryMembership membership =
          new RegistryMembership(
              services,
              new TaskStore(new RecordTable<>(db, codec, "task", Task.class)),
              TaskDefinitionSource.of((scope, ref) -> Optional.of(def)));
      Recording port = new Recording();
      membership.taskChanged(null, task("RUNNING", "RUNNING", "UNKNOWN"));
      assertThat(port.calls).isEmpty(); // not connected yet: nothing to register in
      membership.connect(port);

      Task pending = task("PENDING", "RUNNING", "UNKNOWN");
      membership.taskChanged(null, pending);
      assertThat(port.calls).isEmpty();
      Task running = task("RUNNING", "RUNNING", "UNKNOWN");
      membership.taskChanged(pending, running);
      assertThat(port.calls)
          .containsExactly("register 0123456789abcdef0123456789abcdef", "health true");
      assertThat(port.attributes)
          .containsEntry("AWS_INSTANCE_IPV4", "10.0.0.7")
          .containsEntry("AVAILABILITY_ZONE", "us-east-1a")
          .containsEntry("ECS_CLUSTER_NAME", "apps")
          .containsEntry("ECS_SERVICE_NAME", "orders")
          .containsEntry("ECS_TASK_DEFINITION_FAMILY", "orders")
          .containsEntry("REGION", "us-east-1")
          .doesNotContainKey("AWS_INSTANCE_PORT");

      Task unhealthy = task("RUNNING", "RUNNING", "UNHEALTHY");
      membership.taskChanged(running, unhealthy);
      Task stopping = task("RUNNING", "STOPPED", "UNHEALTHY");
      membership.taskChanged(unhealthy, stopping);
      membership.taskChanged(stopping, task("STOPPED", "STOPPED", "UNHEALTHY"));
      assertThat(port.calls.subList(2, port.calls.size()))
          .containsExactly("health false", "deregister 0123456789abcdef0123456789abcdef");
    }
  }
}
