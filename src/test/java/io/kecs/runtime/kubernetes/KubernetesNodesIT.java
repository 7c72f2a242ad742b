package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Kubernetes nodes as container instances of the node cluster ({@code nodes} here), seen through
 * the AWS SDK, with the test playing the cloud provider and the kubelets on the mock API server.
 */
class KubernetesNodesIT {
  @RegisterExtension static KubernetesKecs kecs = new KubernetesKecs().nodeCluster("nodes");
  private static EcsClient ecs;
  private static FakeNodes nodes;

  @BeforeAll
  static void clients() {
    ecs = kecs.ecs();
    nodes = kecs.nodes();
  }

  @Test
  void aReadyNodeRegistersWithItsAllocatableAndLabels() throws Exception {
    nodes.add("ip-10-0-1-17.ec2.internal", true, Map.of("kecs.io/capacity-provider", "spot"));
    ContainerInstance ci = await("ip-10-0-1-17.ec2.internal", c -> true);
    assertThat(ci.containerInstanceArn())
        .startsWith("arn:aws:ecs:us-east-1:000000000000:container-instance/nodes/");
    assertThat(ci.status()).isEqualTo("ACTIVE");
    assertThat(ci.agentConnected()).isTrue();
    assertThat(resource(ci.registeredResources(), "CPU").integerValue()).isEqualTo(4014);
    assertThat(resource(ci.registeredResources(), "MEMORY").integerValue()).isEqualTo(15952);
    assertThat(resource(ci.registeredResources(), "PODS").integerValue()).isEqualTo(110);
    assertThat(resource(ci.registeredResources(), "PORTS").stringSetValue())
        .containsExactly("10250");
    assertThat(ci.attributes())
        .extracting(Attribute::name, Attribute::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple("ecs.availability-zone", "us-east-1b"),
            org.assertj.core.groups.Tuple.tuple("ecs.instance-type", "m6i.xlarge"),
            org.assertj.core.groups.Tuple.tuple("ecs.cpu-architecture", "x86_64"),
            org.assertj.core.groups.Tuple.tuple("ecs.os-type", "linux"));
    assertThat(ci.capacityProviderName()).isEqualTo("spot");
    assertThat(ci.versionInfo().agentVersion()).isEqualTo("v1.31.2");
    assertThat(ecs.describeClusters(r -> r.clusters("nodes")).clusters().get(0).status())
        .isEqualTo("ACTIVE");
  }

  @Test
  void aNodeThatIsNotReadyIsDisconnectedAndANodeThatGoesIsDeregistered() throws Exception {
    nodes.add("flaky", true, Map.of());
    String arn = await("flaky", c -> true).containerInstanceArn();
    nodes.ready("flaky", false);
    await("flaky", c -> !c.agentConnected());
    nodes.ready("flaky", true);
    assertThat(await("flaky", ContainerInstance::agentConnected).containerInstanceArn())
        .isEqualTo(arn);

    nodes.delete("flaky");
    kecs.awaitTrue(() -> "INACTIVE".equals(describe(arn).status()));
    assertThat(ecs.listContainerInstances(r -> r.cluster("nodes")).containerInstanceArns())
        .doesNotContain(arn);
    nodes.add("never-ready", false, Map.of());
    Thread.sleep(300);
    assertThat(find("never-ready")).isEmpty();
  }

  @Test
  void drainingCordonsTheNodeAndActiveUncordonsIt() throws Exception {
    nodes.add("drained", true, Map.of());
    String arn = await("drained", c -> true).containerInstanceArn();
    ecs.updateContainerInstancesState(
        r -> r.cluster("nodes").containerInstances(arn).status(ContainerInstanceStatus.DRAINING));
    kecs.awaitTrue(() -> Boolean.TRUE.equals(unschedulable("drained")));
    assertThat(nodes.get("drained").getMetadata().getAnnotations())
        .containsEntry("kecs.io/cordoned", "true");
    ecs.updateContainerInstancesState(
        r -> r.cluster("nodes").containerInstances(arn).status(ContainerInstanceStatus.ACTIVE));
    kecs.awaitTrue(() -> unschedulable("drained") == null);
    assertThat(describe(arn).status()).isEqualTo("ACTIVE");
  }

  @Test
  void anEc2TaskPlacedOnANodesInstanceIsHeldToThatNode() throws Exception {
    nodes.add("worker-7", true, Map.of("kubernetes.io/hostname", "worker-7.local"));
    String arn = await("worker-7", c -> true).containerInstanceArn();
    ecs.registerTaskDefinition(
        r ->
            r.family("pinned").containerDefinitions(c -> c.name("app").image("nginx").memory(128)));
    Task task =
        ecs.startTask(r -> r.cluster("nodes").taskDefinition("pinned").containerInstances(arn))
            .tasks()
            .get(0);
    Pod pod = kecs.awaitPod(task);
    assertThat(pod.getSpec().getNodeSelector())
        .containsExactly(Map.entry("kubernetes.io/hostname", "worker-7.local"));
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("kecs.io/container-instance-arn", arn);
    ecs.stopTask(r -> r.cluster("nodes").task(task.taskArn()));
  }

  @Test
  void anEc2TaskOfAnAutoScalingGroupProviderGoesToTheProvidersNodes() throws Exception {
    ecs.createCapacityProvider(
        r ->
            r.name("batch-nodes")
                .autoScalingGroupProvider(
                    a ->
                        a.autoScalingGroupArn(
                            "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
                                + "5098c24f-d26e-4e9c-9bd8-8d88de1ec613:autoScalingGroupName/batch")));
    ecs.createCluster(r -> r.clusterName("batch").capacityProviders("batch-nodes"));
    // An instance of the provider registered through the API, not a node: nothing pins the pod
    // to a node. Only the provider's instances are candidates for its tasks.
    ecs.registerContainerInstance(
        r ->
            r.cluster("batch")
                .instanceIdentityDocument(
                    "{\"instanceId\":\"i-0abc\",\"region\":\"us-east-1\",\"instanceType\":\"m5.large\"}")
                .attributes(a -> a.name("ecs.capacity-provider-name").value("batch-nodes")));
    ecs.registerTaskDefinition(
        r -> r.family("job").containerDefinitions(c -> c.name("app").image("busybox").memory(64)));
    Task task =
        ecs.runTask(
                r ->
                    r.cluster("batch")
                        .taskDefinition("job")
                        .capacityProviderStrategy(s -> s.capacityProvider("batch-nodes").weight(1)))
            .tasks()
            .get(0);
    assertThat(task.capacityProviderName()).isEqualTo("batch-nodes");
    Pod pod = kecs.awaitPod(task);
    assertThat(pod.getSpec().getNodeSelector())
        .containsExactly(Map.entry("kecs.io/capacity-provider", "batch-nodes"));
    ecs.stopTask(r -> r.cluster("batch").task(task.taskArn()));
  }

  private static Boolean unschedulable(String node) {
    var spec = nodes.get(node).getSpec();
    return spec == null ? null : spec.getUnschedulable();
  }

  private static Resource resource(List<Resource> resources, String name) {
    return resources.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static ContainerInstance describe(String arn) {
    return ecs.describeContainerInstances(r -> r.cluster("nodes").containerInstances(arn))
        .containerInstances()
        .get(0);
  }

  private static Optional<ContainerInstance> find(String node) {
    if (ecs.describeClusters(r -> r.clusters("nodes")).clusters().isEmpty()) {
      return Optional.empty();
    }
    List<String> arns = ecs.listContainerInstances(r -> r.cluster("nodes")).containerInstanceArns();
    if (arns.isEmpty()) {
      return Optional.empty();
    }
    return ecs
        .describeContainerInstances(r -> r.cluster("nodes").containerInstances(arns))
        .containerInstances()
        .stream()
        .filter(c -> c.ec2InstanceId().equals(node))
        .findFirst();
  }

  private static ContainerInstance await(
      String node, java.util.function.Predicate<ContainerInstance> condition) throws Exception {
    return Await.value(
        () -> find(node).filter(condition).orElse(null),
        () -> "no such container instance for node " + node);
  }
}
