package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kecs.clock.Scheduler;
import io.kecs.identity.Arn;
import io.kecs.runtime.HostRegistry;
import io.kecs.runtime.RuntimeFailure;
import io.kecs.runtime.ServiceWorkloads;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.TaskObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskPhase;
import io.kecs.runtime.TaskRuntime;
import io.kecs.runtime.secrets.SecretException;
import io.kecs.runtime.secrets.SecretSource;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each task as one pod in its cluster's namespace and reports what the pods do. API calls run
 * on virtual threads so {@link #launch} and {@link #stop} return at once; reports come from the
 * {@link PodWatch} informer, per task in order.
 */
public final class KubernetesRuntime implements TaskRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesRuntime.class);
  static final String LOST_AFTER_RESTART = "Task was not found in Kubernetes after KECS restarted";

  private final KubernetesClient client;
  private final Scheduler clock;
  private final Namespaces namespaces;
  private final Duration resync;
  private final Duration startTimeout;
  private final ApiCalls calls = new ApiCalls();

  private final Map<String, TrackedTask> tasks = new ConcurrentHashMap<>();
  private final PodPreparation preparation;
  private final ClusterResources cluster;
  private final Workloads workloads;
  private final WorkloadPods workloadPods;
  private final ScaleInProtection protection;
  private final EbsStorageClasses storageClasses;
  private final ApiServerProbe apiServer;
  private volatile ObservationSink sink = o -> {};
  private volatile PodWatch pods;
  private volatile EventWatch events;

  /** Workload pods are offered as tasks only once the tasks the store has were adopted. */
  private volatile boolean adopted;

  /**
   * @param defaultAccount the server's account: its clusters' namespaces carry no account id
   * @param resync how often every pod is looked at again without a change
   * @param secrets where the values of task definition secrets are read
   * @param storageClasses the StorageClasses of EBS volumes configured at launch
   */
  public KubernetesRuntime(
      KubernetesClient client,
      Scheduler clock,
      String defaultAccount,
      Duration resync,
      Duration startTimeout,
      SecretSource secrets,
      EbsStorageClasses storageClasses) {
    this.client = client;
    this.clock = clock;
    this.namespaces = new Namespaces(client, defaultAccount);
    this.resync = resync;
    this.startTimeout = startTimeout;
    ServiceAccounts accounts = new ServiceAccounts(client);
    this.preparation = new PodPreparation(client, accounts, secrets);
    this.cluster = new ClusterResources(client, namespaces, accounts, preparation, calls);
    this.storageClasses = storageClasses;
    this.workloads = new Workloads(client, namespaces, preparation, calls, storageClasses);
    this.workloadPods = new WorkloadPods(workloads);
    this.protection = new ScaleInProtection(client, clock, calls);
    this.apiServer = new ApiServerProbe(client, java.time.Clock.systemUTC());
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public Optional<io.kecs.runtime.RuntimeConnection> connection() {
    return Optional.of(apiServer.check());
  }

  /** Gives containers {@code AWS_ENDPOINT_URL=url} unless they set it; null: none. */
  public void endpointForPods(String url) {
    preparation.endpointForPods(url);
  }

  /**
   * Services run as Deployments and DaemonSets: their pods become tasks as they appear (see {@link
   * PodIdentity}).
   */
  @Override
  public Optional<ServiceWorkloads> workloads() {
    return Optional.of(workloads);
  }

  /** Containers' output through the API server's log endpoint, for the awslogs driver. */
  @Override
  public Optional<io.kecs.runtime.ContainerOutput> output() {
    return Optional.of(new PodOutput(client));
  }

  @Override
  public Optional<io.kecs.runtime.ContainerUsage> usage() {
    return Optional.of(
        new PodUsage(
            client,
            arn -> {
              PodWatch watch = pods;
              return watch == null ? null : watch.byTask(arn);
            }));
  }

  @Override
  public void start(ObservationSink sink) {
    this.sink = sink;
    this.pods = PodWatch.start(client, resync, startTimeout, this::podChanged, this::podGone);
    workloads.start(resync, startTimeout);
    this.events = new EventWatch(client, e -> workloadPods.warning(e, pods::get));
  }

  @Override
  public void watchHosts(HostRegistry registry) {
    cluster.watchHosts(registry, resync, startTimeout);
  }

  @Override
  public void drainHost(String hostId, boolean draining) {
    cluster.drainHost(hostId, draining);
  }

  @Override
  public void clusterCreated(String clusterArn) {
    cluster.clusterCreated(clusterArn);
  }

  @Override
  public void clusterDeleted(String clusterArn) {
    cluster.clusterDeleted(clusterArn);
  }

  /**
   * Forgets every task, then removes what KECS made in Kubernetes ({@link ClusterResources#reset})
   * before the reset answers, so the next test starts on an empty cluster.
   */
  @Override
  public void reset() {
    // Not under each task's lock (see TrackedTask#released): a report already being made for a
    // task waits for the reset to end and then names a task the store no longer has.
    tasks.values().forEach(t -> t.released = true);
    tasks.clear();
    workloads.reset();
    cluster.reset();
  }

  @Override
  public void launch(TaskLaunch launch) {
    TrackedTask t = track(launch);
    calls.execute(() -> create(t));
  }

  @Override
  public void stop(String taskArn) {
    TrackedTask t = tasks.get(taskArn);
    if (t == null) {
      sink.observe(
          new TaskObservation(taskArn, TaskPhase.RELEASED, clock.now(), List.of(), null, null));
      return;
    }
    synchronized (t) {
      t.stopRequested = true;
      if (!t.created) {
        return; // create() deletes the pod once it exists
      }
    }
    calls.execute(() -> delete(t, t.graceSeconds));
  }

  /** Only a workload's pods have a controller that picks which to remove. */
  @Override
  public void protect(String taskArn, Instant until) {
    TrackedTask t = tasks.get(taskArn);
    if (t != null && isWorkloadTask(t)) {
      protection.protect(t.namespace, t.podName, until);
    }
  }

  private boolean isWorkloadTask(TrackedTask t) {
    Pod pod = pods.get(t.namespace, t.podName);
    return pod != null && PodIdentity.isWorkloadPod(pod);
  }

  @Override
  public void adopt(Collection<TaskLaunch> live) {
    for (TaskLaunch launch : live) {
      TrackedTask t = track(launch);
      if (pods.byTask(t.taskArn()) != null) {
        synchronized (t) {
          t.created = true;
        }
        report(t);
      } else if (launch.task().startedAt() == null
          && "RUNNING".equals(launch.task().desiredStatus())) {
        // KECS stopped between saving the task and creating its pod, or before it ran.
        calls.execute(() -> create(t));
      } else {
        end(t, new RuntimeFailure(RuntimeFailure.Kind.LOST, LOST_AFTER_RESTART));
      }
    }
    adopted = true;
    for (Pod pod : pods.all()) {
      String arn = taskArn(pod);
      if (PodIdentity.isWorkloadPod(pod)) {
        podChanged(pod); // its workload still wants it: a task it started while KECS was away
      } else if (arn == null || !tasks.containsKey(arn)) {
        LOG.info(
            "Deleting pod {}/{}: it belongs to no task KECS runs",
            pod.getMetadata().getNamespace(),
            pod.getMetadata().getName());
        calls.execute(
            () ->
                client
                    .pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .delete());
      }
    }
  }

  private TrackedTask track(TaskLaunch launch) {
    Arn cluster = Arn.parse(launch.task().clusterArn()).orElseThrow();
    Arn task = Arn.parse(launch.taskArn()).orElseThrow();
    PodWatch watch = pods;
    Pod existing = watch == null ? null : watch.byTask(launch.taskArn());
    TrackedTask t =
        new TrackedTask(
            launch,
            namespaces.nameOf(cluster),
            existing != null
                ? existing.getMetadata().getName()
                : KubeNames.podName(launch.definition().family(), task.lastSegment()),
            PodSettings.stopTimeout(launch.definition()));
    tasks.put(launch.taskArn(), t);
    return t;
  }

  private void create(TrackedTask t) {
    Pod created = null;
    PodInputs inputs = PodInputs.NONE;
    try {
      namespaces.ensure(Arn.parse(t.launch.task().clusterArn()).orElseThrow());
      inputs = preparation.prepare(t);
      synchronized (t) {
        if (t.released) {
          return; // forgotten by a reset meanwhile
        }
      }
      Pod pod = PodTranslator.translate(t.launch, t.namespace, inputs, storageClasses);
      created = client.pods().inNamespace(t.namespace).resource(pod).create();
    } catch (SecretException e) {
      LOG.info("Cannot read the secrets of {}: {}", t.taskArn(), e.getMessage());
      end(t, new RuntimeFailure(RuntimeFailure.Kind.RESOURCE_INITIALIZATION, e.getMessage()));
      return;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        LOG.warn("Cannot create the pod of {}: {}", t.taskArn(), ClusterResources.describe(e));
        end(t, new RuntimeFailure(RuntimeFailure.Kind.START, e.getMessage()));
        return;
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot translate {} into a pod: {}", t.taskArn(), e.getMessage());
      end(t, new RuntimeFailure(RuntimeFailure.Kind.START, e.getMessage()));
      return;
    }
    if (created != null && !inputs.secretsMade().isEmpty()) {
      Pod owner = created;
      PodInputs made = inputs;
      ClusterResources.quietly("let the pod own its Secrets", () -> preparation.own(owner, made));
    }
    boolean stop;
    synchronized (t) {
      t.created = true;
      stop = t.stopRequested;
    }
    if (stop) {
      delete(t, t.graceSeconds);
    }
  }

  private void delete(TrackedTask t, long graceSeconds) {
    synchronized (t) {
      t.deleting = true;
    }
    try {
      var deleted =
          client
              .pods()
              .inNamespace(t.namespace)
              .withName(t.podName)
              .withGracePeriod(graceSeconds)
              .delete();
      if (deleted.isEmpty() && pods.get(t.namespace, t.podName) == null) {
        end(t, null); // nothing to wait for: the pod is already gone
      }
    } catch (KubernetesClientException e) {
      LOG.warn("Cannot delete pod {}/{}: {}", t.namespace, t.podName, e.getMessage());
    }
  }

  private void podChanged(Pod pod) {
    TrackedTask t = tasks.get(String.valueOf(taskArn(pod)));
    if (t == null && adopted && PodIdentity.isWorkloadPod(pod)) {
      t = claim(pod);
    }
    if (t != null) {
      report(t);
    }
  }

  /** A workload's pod the domain takes as a task ({@link WorkloadPods#offer}) is tracked. */
  private synchronized TrackedTask claim(Pod pod) {
    String arn = taskArn(pod);
    if (arn != null && tasks.containsKey(arn)) {
      return tasks.get(arn); // claimed meanwhile by the other thread (adopt vs informer)
    }
    Optional<TaskLaunch> launch = workloadPods.offer(pod, clock.now());
    if (launch.isEmpty()) {
      return null;
    }
    TrackedTask t = track(launch.get());
    synchronized (t) {
      t.created = true;
    }
    return t;
  }

  private void podGone(Pod lastSeen) {
    TrackedTask t = tasks.get(String.valueOf(taskArn(lastSeen)));
    if (t == null || !t.podName.equals(lastSeen.getMetadata().getName())) {
      return;
    }
    synchronized (t) {
      if (t.released) {
        return;
      }
      emit(
          t,
          workloadPods.scaledIn(
              lastSeen,
              PodStatusMapper.released(lastSeen, t.deleting || t.stopRequested, clock.now())));
      t.released = true;
    }
    tasks.remove(t.taskArn(), t);
    releaseObjects(t);
  }

  /** What the task's pod referred to goes with it (its garbage collection may lag or be off). */
  private void releaseObjects(TrackedTask t) {
    calls.execute(
        () ->
            ClusterResources.quietly(
                "delete the Secret of " + t.taskArn(), () -> preparation.release(t)));
  }

  /** Reports the task's pod as the informer now has it; deletes pods whose containers ended. */
  private void report(TrackedTask t) {
    boolean cleanUp;
    synchronized (t) {
      Pod pod = pods.get(t.namespace, t.podName);
      if (t.released || pod == null) {
        return;
      }
      PodStatusMapper.Picture p = PodStatusMapper.live(pod, clock.now());
      if (p == null) {
        return;
      }
      emit(t, p);
      cleanUp =
          p.phase() == TaskPhase.EXITED
              && !t.deleting
              && pod.getMetadata().getDeletionTimestamp() == null;
      if (cleanUp) {
        t.deleting = true;
      }
    }
    if (cleanUp) {
      // Every container has ended (or never will start): nothing left to stop gracefully.
      calls.execute(() -> delete(t, 0));
    }
  }

  /** Reports a task that has, or will have, no pod: stopped, then released. */
  private void end(TrackedTask t, RuntimeFailure failure) {
    List<ContainerObservation> stopped =
        t.launch.definition().containerDefinitions().stream()
            .map(
                c ->
                    new ContainerObservation(
                        c.name(),
                        ContainerObservation.State.STOPPED,
                        null,
                        null,
                        ContainerObservation.Health.UNKNOWN,
                        null,
                        null))
            .toList();
    synchronized (t) {
      if (t.released) {
        return;
      }
      emit(t, new PodStatusMapper.Picture(TaskPhase.EXITED, stopped, null, failure));
      emit(t, new PodStatusMapper.Picture(TaskPhase.RELEASED, stopped, null, failure));
      t.released = true;
    }
    tasks.remove(t.taskArn(), t);
    releaseObjects(t);
  }

  private void emit(TrackedTask t, PodStatusMapper.Picture picture) {
    for (PodStatusMapper.Picture p : PhaseSequencer.next(t, picture)) {
      sink.observe(
          new TaskObservation(
              t.taskArn(), p.phase(), clock.now(), p.containers(), p.privateIp(), p.failure()));
    }
  }

  private static String taskArn(Pod pod) {
    return PodIdentity.taskArn(pod);
  }

  @Override
  public void close() {
    if (events != null) {
      events.close();
    }
    workloads.close();
    calls.close();
    cluster.close();
    if (pods != null) {
      pods.close();
    }
    client.close();
  }
}
