package io.kecs.bench;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kecs.runtime.kubernetes.EcsTasks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The Kubernetes runtime on the real control plane (bench/kubernetes-real.sh): KECS as its own
 * process with {@code --runtime kubernetes} on scripts/k8s-testenv.sh's API server, the real
 * scheduler and controllers, kwok's kubelets. Prints RESULT lines. Arguments: the kubeconfig, tasks
 * for the RunTask latency runs (100), tasks of the service (1000).
 */
public final class RealKubernetesBench {
  private final KubernetesClient k8s;
  private final KecsSubprocess kecs;
  private final EcsClient ecs;
  private final Map<String, Long> podSeenAt = new ConcurrentHashMap<>();

  private RealKubernetesBench(KubernetesClient k8s, KecsSubprocess kecs) {
    this.k8s = k8s;
    this.kecs = kecs;
    this.ecs = EcsTasks.client(kecs.endpoint());
  }

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int replicas = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    Path jar = Path.of(System.getProperty("kecs.jar", "target/kecs.jar"));
    try (KubernetesClient k8s =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(null, kubeconfig.toFile()))
                .build();
        KecsSubprocess kecs =
            KecsSubprocess.start(jar, "--runtime=kubernetes", "--kubeconfig=" + kubeconfig)) {
      RealKubernetesBench b = new RealKubernetesBench(k8s, kecs);
      SharedIndexInformer<Pod> watch = b.watchPods();
      try {
        EcsTasks tasks = new EcsTasks(b.ecs, "bench");
        tasks.register("web", "app");
        b.latency(tasks, 10); // warm-up
        b.latency(tasks, runs);
        b.service(tasks, replicas);
        b.reset();
      } finally {
        watch.close();
        b.ecs.close();
      }
    }
    System.exit(0);
  }

  private SharedIndexInformer<Pod> watchPods() {
    SharedIndexInformer<Pod> informer =
        k8s.pods().inAnyNamespace().withLabel("app.kubernetes.io/managed-by", "kecs").inform();
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            String id = pod.getMetadata().getLabels().get("kecs.io/task-id");
            if (id != null) {
              podSeenAt.putIfAbsent(id, System.nanoTime());
            }
          }

          @Override
          public void onUpdate(Pod before, Pod after) {}

          @Override
          public void onDelete(Pod pod, boolean unknown) {}
        });
    return informer;
  }

  /** RunTask to pod created, and to RUNNING in DescribeTasks, one task at a time. */
  private void latency(EcsTasks tasks, int runs) throws Exception {
    Stats created = new Stats("real_runtask_to_pod_created");
    Stats running = new Stats("real_runtask_to_running_in_describe_tasks");
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Task task = tasks.run("web");
      String id = EcsTasks.id(task);
      while (!"RUNNING".equals(tasks.describe(task).lastStatus())) {
        Thread.sleep(2);
      }
      running.addNanos(System.nanoTime() - t0);
      for (int wait = 0; wait < 5000 && !podSeenAt.containsKey(id); wait++) {
        Thread.sleep(1); // the benchmark's own informer may lag behind KECS's
      }
      created.addNanos(podSeenAt.getOrDefault(id, System.nanoTime()) - t0);
      ecs.stopTask(r -> r.cluster("bench").task(task.taskArn()));
    }
    if (runs > 10) {
      System.out.println(created);
      System.out.println(running);
    }
  }

  /**
   * A service of {@code n} tasks from CreateService to runningCount n, then the same pod template
   * as a plain Deployment (what {@code kubectl apply} of it would do) to n ready replicas.
   */
  private void service(EcsTasks tasks, int n) throws Exception {
    long t0 = System.nanoTime();
    ecs.createService(
        r ->
            r.cluster("bench")
                .serviceName("svc")
                .taskDefinition("web")
                .desiredCount(n)
                .launchType("FARGATE")
                .networkConfiguration(c -> c.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    while (ecs.describeServices(r -> r.cluster("bench").services("svc"))
            .services()
            .get(0)
            .runningCount()
        < n) {
      Thread.sleep(200);
    }
    double kecsMs = (System.nanoTime() - t0) / 1e6;
    // KECS's memory while it follows n pods (tasks in its store, pods in its informers).
    System.out.printf(
        "RESULT real_memory pods=%d kecs_heap_after_gc=%.0fMiB kecs_rss=%dMiB%n",
        n, kecs.heapAfterGcMib(), kecs.rssMib());
    Deployment made =
        k8s.apps()
            .deployments()
            .inAnyNamespace()
            .withLabel("kecs.io/service", "svc")
            .list()
            .getItems()
            .get(0);
    String ns = made.getMetadata().getNamespace();
    ecs.deleteService(r -> r.cluster("bench").service("svc").force(true));
    while (!k8s.pods()
        .inNamespace(ns)
        .withLabel("kecs.io/service", "svc")
        .list()
        .getItems()
        .isEmpty()) {
      Thread.sleep(500);
    }
    // The same template, labelled apart, applied as a plain Deployment.
    Deployment plain =
        new DeploymentBuilder()
            .withMetadata(new ObjectMeta())
            .editMetadata()
            .withName("plain")
            .withNamespace(ns)
            .endMetadata()
            .withSpec(made.getSpec())
            .editSpec()
            .withReplicas(n)
            .editSelector()
            .withMatchLabels(Map.of("bench", "plain"))
            .withMatchExpressions()
            .endSelector()
            .editTemplate()
            .editMetadata()
            .withLabels(Map.of("bench", "plain"))
            .endMetadata()
            .endTemplate()
            .endSpec()
            .build();
    long t1 = System.nanoTime();
    k8s.resource(plain).create();
    while (true) {
      Deployment d = k8s.apps().deployments().inNamespace(ns).withName("plain").get();
      Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
      if (ready != null && ready >= n) {
        break;
      }
      Thread.sleep(200);
    }
    double plainMs = (System.nanoTime() - t1) / 1e6;
    k8s.apps().deployments().inNamespace(ns).withName("plain").delete();
    System.out.printf(
        "RESULT real_service tasks=%d kecs_create_service_to_running_count=%.0fms"
            + " plain_deployment_to_ready=%.0fms ratio=%.2f%n",
        n, kecsMs, plainMs, kecsMs / plainMs);
  }

  private void reset() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(kecs.endpoint().resolve(URI.create("/_kecs/reset")))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("reset: " + r.statusCode());
    }
  }
}
