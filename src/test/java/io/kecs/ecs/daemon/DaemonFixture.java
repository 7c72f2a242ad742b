package io.kecs.ecs.daemon;

import io.kecs.ecs.instance.Ec2Instances;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.CreateManagedInstancesProviderConfiguration;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A cluster with Managed Instances providers and instances registered into them, for daemon ITs.
 */
final class DaemonFixture {
  static final String CLUSTER = "hosts";

  private final EcsClient ecs;

  DaemonFixture(EcsClient ecs) {
    this.ecs = ecs;
  }

  /** Creates the cluster and one Managed Instances provider per name; answers their ARNs. */
  List<String> clusterWithProviders(String... names) {
    ecs.createCluster(r -> r.clusterName(CLUSTER));
    CreateManagedInstancesProviderConfiguration config =
        CreateManagedInstancesProviderConfiguration.builder()
            .infrastructureRoleArn("arn:aws:iam::000000000000:role/ecsInfrastructureRole")
            .instanceLaunchTemplate(
                t ->
                    t.ec2InstanceProfileArn(
                            "arn:aws:iam::000000000000:instance-profile/ecsInstanceProfile")
                        .networkConfiguration(n -> n.subnets("subnet-0b48066557a0e97ac")))
            .build();
    List<String> arns = new ArrayList<>();
    for (String name : names) {
      arns.add(
          ecs.createCapacityProvider(
                  r -> r.name(name).cluster(CLUSTER).managedInstancesProvider(config))
              .capacityProvider()
              .capacityProviderArn());
    }
    return arns;
  }

  /** Registers an instance the given provider launched (null: none); answers its ARN. */
  String instance(String ec2Id, String provider) {
    List<Attribute> attributes = new ArrayList<>();
    if (provider != null) {
      attributes.add(
          Attribute.builder().name("ecs.capacity-provider-name").value(provider).build());
    }
    return ecs.registerContainerInstance(
            r ->
                r.cluster(CLUSTER)
                    .instanceIdentityDocument(
                        Ec2Instances.document(ec2Id, "m5.large", "us-east-1b"))
                    .instanceIdentityDocumentSignature("c2lnbmF0dXJl")
                    .versionInfo(Ec2Instances.AGENT)
                    .totalResources(Ec2Instances.M5_LARGE)
                    .attributes(attributes))
        .containerInstance()
        .containerInstanceArn();
  }

  String definition(String family, String image, KeyValuePair... env) {
    return ecs.registerDaemonTaskDefinition(
            r ->
                r.family(family)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(
                        c -> c.name("agent").image(image).essential(true).environment(env)))
        .daemonTaskDefinitionArn();
  }

  /** The daemon's tasks that should run, by container instance. */
  Map<String, List<Task>> tasksByInstance(String daemonName) {
    List<String> arns =
        ecs.listTasks(
                r -> r.cluster(CLUSTER).daemonName(daemonName).desiredStatus(DesiredStatus.RUNNING))
            .taskArns();
    Map<String, List<Task>> out = new HashMap<>();
    if (arns.isEmpty()) {
      return out;
    }
    for (Task t : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks()) {
      if ("RUNNING".equals(t.desiredStatus())) {
        out.computeIfAbsent(t.containerInstanceArn(), k -> new ArrayList<>()).add(t);
      }
    }
    return out;
  }

  DaemonDeployment deployment(String arn) {
    return ecs.describeDaemonDeployments(r -> r.daemonDeploymentArns(arn))
        .daemonDeployments()
        .get(0);
  }

  DaemonDeployment awaitDeployment(String arn, String status) throws InterruptedException {
    await(() -> status.equals(deployment(arn).statusAsString()), () -> deployment(arn).toString());
    return deployment(arn);
  }

  static void await(BooleanSupplier condition, java.util.function.Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; last state: " + state.get());
      }
      Thread.sleep(50);
    }
  }
}
