package io.kecs.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kecs.runtime.kubernetes.EcsTasks;
import io.kecs.runtime.kubernetes.FakeControllers;
import io.kecs.runtime.kubernetes.FakeKubelet;
import io.kecs.runtime.kubernetes.KubernetesMock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The Kubernetes runtime benchmark (bench/kubernetes.sh): KECS as its own process with {@code
 * --runtime kubernetes} against fabric8's mock API server (CRUD mode) in this process, the
 * benchmark playing the kubelet. Prints RESULT lines. Arguments: tasks for the latency runs (200),
 * pods changing at once (1000), pods for the heap figure (10000).
 */
public final class KubernetesBench {
  private final KubernetesMock k8s;
  private final KecsSubprocess kecs;
  private final EcsClient ecs;
  private final FakeKubelet kubelet;
  private final Map<String, Long> podSeenAt = new ConcurrentHashMap<>();
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(32);
  private EcsTasks tasks;

  private KubernetesBench(KubernetesMock k8s, KecsSubprocess kecs) {
    this.k8s = k8s;
    this.kecs = kecs;
    this.ecs = EcsTasks.client(kecs.endpoint());
    this.kubelet = k8s.kubelet();
  }

  public static void main(String[] args) throws Exception {
    int latencyRuns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int burst = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int cached = args.length > 2 ? Integer.parseInt(args[2]) : 10000;
    Path jar = Path.of(System.getProperty("kecs.jar", "target/kecs.jar"));
    try (KubernetesMock k8s = new KubernetesMock();
        KecsSubprocess kecs =
            KecsSubprocess.start(jar, "--runtime=kubernetes", "--kubeconfig=" + k8s.kubeconfig())) {
      KubernetesBench b = new KubernetesBench(k8s, kecs);
      SharedIndexInformer<Pod> watch = b.watchPods();
      try {
        b.reset();
        b.latency(20); // warm-up: class loading, JIT, connection pools
        b.reset();
        b.latency(latencyRuns);
        b.reset();
        b.burst(burst);
        b.reset();
        b.service(burst);
        b.reset();
        b.heap(cached);
      } finally {
        watch.close();
        b.pool.shutdownNow();
        b.ecs.close();
      }
    }
    System.exit(0);
  }

  /** The benchmark's own view of pods: when each task's pod was first seen. */
  private SharedIndexInformer<Pod> watchPods() {
    SharedIndexInformer<Pod> informer =
        k8s.client()
            .pods()
            .inAnyNamespace()
            .withLabel("app.kubernetes.io/managed-by", "kecs")
            .inform();
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            String id = pod.getMetadata().getLabels().get("kecs.io/task-id");
            if (id == null) {
              return; // a service's pod (its Deployment made it): the service phase counts those
            }
            long now = System.nanoTime();
            pods.put(id, pod);
            podSeenAt.putIfAbsent(id, now);
          }

          @Override
          public void onUpdate(Pod before, Pod after) {}

          @Override
          public void onDelete(Pod pod, boolean unknown) {}
        });
    return informer;
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
    podSeenAt.clear();
    pods.clear();
    tasks = new EcsTasks(ecs, "bench");
    tasks.register("web", "app");
  }

  /** RunTask to pod created, then pod Running to DescribeTasks RUNNING, one task at a time. */
  private void latency(int runs) throws Exception {
    Stats runTask = new Stats("runtask_response");
    Stats created = new Stats("runtask_to_pod_created");
    Stats visible = new Stats("pod_running_to_describe_tasks");
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Task task = tasks.run("web");
      runTask.addNanos(System.nanoTime() - t0);
      String id = EcsTasks.id(task);
      while (!podSeenAt.containsKey(id)) {
        Thread.onSpinWait();
      }
      created.addNanos(podSeenAt.get(id) - t0);

      kubelet.run(pods.get(id), "10.1.0." + (i % 250 + 1), true);
      long t1 = System.nanoTime();
      while (!"RUNNING".equals(tasks.describe(task).lastStatus())) {
        Thread.onSpinWait();
      }
      visible.addNanos(System.nanoTime() - t1);
    }
    if (runs > 20) {
      System.out.println(runTask);
      System.out.println(created);
      System.out.println(visible);
    }
  }

  /** {@code n} pods turn Running at once; how long until DescribeTasks shows all RUNNING. */
  private void burst(int n) throws Exception {
    List<Task> started = runMany(n);
    long t0 = System.nanoTime();
    markAllRunning(started);
    long patched = System.nanoTime();
    long[] seenAt = new long[n];
    int left = n;
    while (left > 0) {
      for (int from = 0; from < n; from += 100) {
        List<String> arns = new ArrayList<>();
        for (int i = from; i < Math.min(n, from + 100); i++) {
          arns.add(started.get(i).taskArn());
        }
        var described = ecs.describeTasks(r -> r.cluster("bench").tasks(arns)).tasks();
        long now = System.nanoTime();
        for (int i = 0; i < described.size(); i++) {
          if (seenAt[from + i] == 0 && "RUNNING".equals(described.get(i).lastStatus())) {
            seenAt[from + i] = now;
            left--;
          }
        }
      }
    }
    long last = 0;
    for (long s : seenAt) {
      last = Math.max(last, s);
    }
    System.out.printf(
        "RESULT burst pods=%d status_writes=%.0fms all_running_in_describe_tasks=%.0fms"
            + " after_last_write=%.0fms%n",
        n, (patched - t0) / 1e6, (last - t0) / 1e6, (last - patched) / 1e6);
  }

  /**
   * A service of {@code n} tasks: CreateService to its Deployment, then the benchmark plays the
   * Deployment and ReplicaSet controllers ({@link FakeControllers}, one pod at a time, as the mock
   * allows) and measures how soon ListTasks shows every pod as a task, then how soon
   * DescribeServices counts them all running once their status is written.
   */
  private void service(int n) throws Exception {
    long t0 = System.nanoTime();
    ecs.createService(
        r ->
            r.cluster("bench")
                .serviceName("svc")
                .taskDefinition("web")
                .desiredCount(n)
                .launchType("FARGATE")
                .networkConfiguration(c -> c.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    while (k8s.client().apps().deployments().inAnyNamespace().list().getItems().isEmpty()) {
      Thread.sleep(1);
    }
    long deployment = System.nanoTime();
    FakeControllers controllers = new FakeControllers(k8s.client(), "node-1");
    controllers.sync();
    long podsMade = System.nanoTime();
    while (serviceTasks() < n) {
      Thread.sleep(5);
    }
    long recorded = System.nanoTime();
    String ns =
        k8s.client()
            .apps()
            .deployments()
            .inAnyNamespace()
            .list()
            .getItems()
            .get(0)
            .getMetadata()
            .getNamespace();
    List<Future<?>> writes = new ArrayList<>();
    List<Pod> made = controllers.pods(ns, "svc");
    for (int i = 0; i < made.size(); i++) {
      Pod pod = made.get(i);
      String ip = "10.3." + (i / 250) + "." + (i % 250 + 1);
      writes.add(pool.submit(() -> kubelet.run(pod, ip, true)));
    }
    for (Future<?> w : writes) {
      w.get();
    }
    long patched = System.nanoTime();
    while (ecs.describeServices(r -> r.cluster("bench").services("svc"))
            .services()
            .get(0)
            .runningCount()
        < n) {
      Thread.sleep(5);
    }
    long running = System.nanoTime();
    System.out.printf(
        "RESULT service tasks=%d create_service_to_deployment=%.0fms pods_made_by_test=%.0fms"
            + " all_listed_after_last_pod=%.0fms status_writes=%.0fms"
            + " running_count_after_last_write=%.0fms%n",
        n,
        (deployment - t0) / 1e6,
        (podsMade - deployment) / 1e6,
        (recorded - podsMade) / 1e6,
        (patched - recorded) / 1e6,
        (running - patched) / 1e6);
  }

  private int serviceTasks() {
    int count = 0;
    String token = null;
    do {
      String next = token;
      var page =
          ecs.listTasks(r -> r.cluster("bench").serviceName("svc").maxResults(100).nextToken(next));
      count += page.taskArns().size();
      token = page.nextToken();
    } while (token != null);
    return count;
  }

  /** Heap of the KECS process with {@code n} Running pods in its informer cache. */
  private void heap(int n) throws Exception {
    double before = kecs.heapAfterGcMib();
    List<Task> started = runMany(n);
    markAllRunning(started);
    Thread.sleep(5000); // let the informer and the store take every status in
    double after = kecs.heapAfterGcMib();
    System.out.printf(
        "RESULT heap pods=%d before=%.1fMiB after=%.1fMiB per_task=%.1fKiB rss=%dMiB%n",
        n, before, after, (after - before) * 1024 / n, kecs.rssMib());
  }

  private List<Task> runMany(int n) throws Exception {
    List<Future<List<Task>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i += 10) {
      int count = Math.min(10, n - i);
      calls.add(
          pool.submit(
              () ->
                  ecs.runTask(
                          r ->
                              r.cluster("bench")
                                  .taskDefinition("web")
                                  .count(count)
                                  .launchType("FARGATE")
                                  .networkConfiguration(
                                      c -> c.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
                      .tasks()));
    }
    List<Task> all = new ArrayList<>();
    for (Future<List<Task>> f : calls) {
      all.addAll(f.get());
    }
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (!all.stream().allMatch(t -> pods.containsKey(EcsTasks.id(t)))) {
      if (System.nanoTime() > deadline) {
        long missing = all.stream().filter(t -> !pods.containsKey(EcsTasks.id(t))).count();
        throw new IllegalStateException(missing + " of " + n + " tasks got no pod in 5 minutes");
      }
      Thread.sleep(20);
    }
    return all;
  }

  private void markAllRunning(List<Task> started) throws Exception {
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < started.size(); i++) {
      Pod pod = pods.get(EcsTasks.id(started.get(i)));
      String ip = "10.2." + (i / 250) + "." + (i % 250 + 1);
      writes.add(pool.submit(() -> kubelet.run(pod, ip, true)));
    }
    for (Future<?> w : writes) {
      w.get();
    }
  }
}
