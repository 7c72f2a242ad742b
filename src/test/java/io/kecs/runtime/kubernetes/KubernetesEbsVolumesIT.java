package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ServiceVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Amazon EBS volumes configured at launch on the Kubernetes runtime, end to end on the mock API
 * server: a RunTask pod and a service's Deployment template get the volume as a generic ephemeral
 * volume on the StorageClass {@code --ebs-storage-classes} names, mounted where the container
 * definition says; the service's pods (made by the test's controllers) become tasks with the EBS
 * attachment.
 */
class KubernetesEbsVolumesIT {
  @RegisterExtension
  static KubernetesKecs kecs = new KubernetesKecs().ebsStorageClasses("gp3=ebs-gp3,*=ebs-any");

  private static final String ROLE = "arn:aws:iam::000000000000:role/ecsInfrastructureRole";

  private static EcsClient ecs;
  private static FakeControllers controllers;

  @BeforeAll
  static void start() {
    ecs = kecs.ecs();
    controllers = new FakeControllers(kecs.client(), "node-1");
  }

  private static void register(EcsTasks tasks, String family) {
    tasks.registerWith(
        family,
        r -> r.volumes(v -> v.name("data").configuredAtLaunch(true), v -> v.name("tmp")),
        ContainerDefinition.builder()
            .name("app")
            .image("redis:7")
            .essential(true)
            .mountPoints(
                m -> m.sourceVolume("data").containerPath("/data"),
                m -> m.sourceVolume("tmp").containerPath("/tmp"))
            .build());
  }

  @Test
  void runTaskPodHasItsOwnClaim() throws Exception {
    EcsTasks tasks = kecs.tasks("ebs-run");
    register(tasks, "db");
    Task task =
        ecs.runTask(
                r ->
                    r.cluster("ebs-run")
                        .taskDefinition("db")
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345")))
                        .volumeConfigurations(
                            v ->
                                v.name("data")
                                    .managedEBSVolume(
                                        m ->
                                            m.roleArn(ROLE)
                                                .volumeType("io2")
                                                .sizeInGiB(50)
                                                .iops(3000)
                                                .terminationPolicy(
                                                    p -> p.deleteOnTermination(false)))))
            .tasks()
            .get(0);
    Pod pod = kecs.awaitPod(task);
    PersistentVolumeClaimSpec claim = claim(pod.getSpec(), "data");
    assertThat(claim.getStorageClassName()).isEqualTo("ebs-any");
    assertThat(claim.getResources().getRequests().get("storage").toString()).isEqualTo("50Gi");
    assertThat(claim.getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
        .extracting(m -> m.getName() + ":" + m.getMountPath())
        .containsExactly("data:/data", "tmp:/tmp");

    kecs.kubelet().run(pod, "10.2.0.5", true);
    Task running = kecs.awaitStatus(task, "RUNNING");
    assertThat(running.attachments())
        .filteredOn(a -> "AmazonElasticBlockStorage".equals(a.type()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo("ATTACHED");
              assertThat(a.details()).hasSize(4);
            });
  }

  @Test
  void serviceDeploymentTemplateHasAClaimPerPod() throws Exception {
    EcsTasks tasks = kecs.tasks("ebs-svc");
    register(tasks, "cache");
    ecs.createService(
        r ->
            r.cluster("ebs-svc")
                .serviceName("cache")
                .taskDefinition("cache")
                .desiredCount(2)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345")))
                .volumeConfigurations(
                    ServiceVolumeConfiguration.builder()
                        .name("data")
                        .managedEBSVolume(m -> m.roleArn(ROLE).sizeInGiB(30))
                        .build()));
    Deployment[] found = new Deployment[1];
    kecs.awaitTrue(
        () -> {
          List<Deployment> all =
              kecs.client()
                  .apps()
                  .deployments()
                  .inAnyNamespace()
                  .withLabel("kecs.io/service", "cache")
                  .list()
                  .getItems();
          found[0] = all.isEmpty() ? null : all.get(0);
          return found[0] != null;
        });
    PersistentVolumeClaimSpec claim = claim(found[0].getSpec().getTemplate().getSpec(), "data");
    assertThat(claim.getStorageClassName()).isEqualTo("ebs-gp3");
    assertThat(claim.getResources().getRequests().get("storage").toString()).isEqualTo("30Gi");

    // The Deployment's pods are the service's tasks, each with its EBS attachment.
    controllers.sync();
    String ns = found[0].getMetadata().getNamespace();
    List<Pod> pods = controllers.pods(ns, "cache");
    assertThat(pods).hasSize(2);
    assertThat(pods).allSatisfy(p -> assertThat(claim(p.getSpec(), "data")).isNotNull());
    kecs.awaitTrue(
        () -> ecs.listTasks(r -> r.cluster("ebs-svc").serviceName("cache")).taskArns().size() == 2);
    List<String> arns = ecs.listTasks(r -> r.cluster("ebs-svc").serviceName("cache")).taskArns();
    assertThat(ecs.describeTasks(r -> r.cluster("ebs-svc").tasks(arns)).tasks())
        .allSatisfy(
            t ->
                assertThat(t.attachments())
                    .anyMatch(a -> "AmazonElasticBlockStorage".equals(a.type())));
  }

  private static PersistentVolumeClaimSpec claim(PodSpec spec, String volume) {
    Volume v =
        spec.getVolumes().stream()
            .filter(x -> x.getName().equals(volume))
            .findFirst()
            .orElseThrow();
    return v.getEphemeral().getVolumeClaimTemplate().getSpec();
  }
}
