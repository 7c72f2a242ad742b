package io.kecs.ecs.service;

import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskListener;
import io.kecs.ecs.task.TaskStore;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.registry.ServiceRegistries;
import io.kecs.registry.ServiceRegistries.Member;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Keeps each service task registered in its service's registries (Cloud Map {@code
 * serviceRegistries} and Service Connect discovery names) while it runs, as ECS does: registered
 * when it reaches RUNNING with an address (instance id = task id, ECS's attributes), its custom
 * health following the task's health, deregistered as soon as it stops or is asked to stop. Which
 * registries a task is in is remembered per task, so a service update that changes them still
 * deregisters old tasks from the old ones; on start, {@link #reconcile} rebuilds that from the
 * registries and drops instances whose tasks no longer run.
 */
public final class RegistryMembership implements TaskListener {
  private final ServiceStore services;
  private final TaskStore tasks;
  private final TaskDefinitionSource definitions;
  private final Map<String, Set<Target>> memberships = new ConcurrentHashMap<>();
  private volatile ServiceRegistries port;
  private volatile InstanceCatalog instances = InstanceCatalog.NONE;

  RegistryMembership(ServiceStore services, TaskStore tasks, TaskDefinitionSource definitions) {
    this.services = services;
    this.tasks = tasks;
    this.definitions = definitions;
  }

  /** A registry a task is registered in. */
  record Target(Scope scope, String registryArn) {}

  /** Wires the registries (Cloud Map); before it, nothing is registered or checked against them. */
  public void connect(ServiceRegistries registries) {
    this.port = registries;
  }

  void connectInstances(InstanceCatalog catalog) {
    this.instances = catalog;
  }

  void forgetAll() {
    memberships.clear();
  }

  /** ECS's checks of a request's {@code serviceRegistries} against the task definition. */
  void check(Scope scope, List<ServiceRegistry> registries, TaskDefinition def) {
    RegistryRules.check(port, scope, registries, def);
  }

  /** A request's Service Connect configuration made concrete (namespace, discovery services). */
  ServiceConnectSetup.Resolved serviceConnect(
      Scope scope, Cluster cluster, ServiceConnectConfiguration given, TaskDefinition def) {
    return ServiceConnectSetup.resolve(port, scope, cluster, given, def);
  }

  /** The ARN of the Cloud Map namespace a name or ARN names, if Cloud Map knows it. */
  java.util.Optional<String> namespaceArn(Scope scope, String nameOrArn) {
    ServiceRegistries registries = port;
    return registries == null || nameOrArn == null
        ? java.util.Optional.empty()
        : registries.namespace(scope, nameOrArn);
  }

  /** A new deployment with the Service Connect resources its configuration made. */
  static Deployment withServiceConnect(Deployment d, ServiceConnectSetup.Resolved sc) {
    return sc == null || sc.resources().isEmpty()
        ? d
        : d.toBuilder().serviceConnectResources(sc.resources()).build();
  }

  @Override
  public void taskChanged(Task before, Task after) {
    ServiceRegistries registries = port;
    if (registries == null || ServiceTaskIndex.serviceOf(after) == null) {
      return;
    }
    boolean live = live(after);
    boolean was = before != null && live(before);
    if (live && (!was || !Objects.equals(TaskAddresses.ipv4(before), TaskAddresses.ipv4(after)))) {
      register(registries, after);
    } else if (live && !Objects.equals(before.healthStatus(), after.healthStatus())) {
      for (Target t : memberships.getOrDefault(after.taskArn(), Set.of())) {
        registries.health(t.scope(), t.registryArn(), taskId(after), healthy(after));
      }
    } else if (!live) {
      Set<Target> gone = memberships.remove(after.taskArn());
      if (gone != null) {
        gone.forEach(t -> registries.deregister(t.scope(), t.registryArn(), taskId(after)));
      }
    }
  }

  /**
   * After a restart: instances whose task no longer runs are deregistered, running service tasks
   * are registered again (with their current attributes), Service Connect aliases are restored.
   */
  void reconcile() {
    ServiceRegistries registries = port;
    if (registries == null) {
      return;
    }
    for (Member m : registries.members()) {
      String cluster = m.attributes().get(TaskAttributes.CLUSTER);
      String taskArn = Arn.ecs(m.scope(), "task", cluster + "/" + m.instanceId()).toString();
      boolean running = tasks.get(taskArn).filter(RegistryMembership::live).isPresent();
      if (running) {
        memberships
            .computeIfAbsent(taskArn, k -> ConcurrentHashMap.newKeySet())
            .add(new Target(m.scope(), m.registryArn()));
      } else {
        registries.deregister(m.scope(), m.registryArn(), m.instanceId());
      }
    }
    for (Task t : tasks.all()) {
      if (live(t) && ServiceTaskIndex.serviceOf(t) != null) {
        register(registries, t);
      }
    }
    for (Service s : services.all()) {
      Scope scope = Arn.parse(s.serviceArn()).orElseThrow().scope();
      for (Deployment d : s.deployments()) {
        ServiceConnectSetup.realias(
            registries, scope, d.serviceConnectConfiguration(), d.serviceConnectResources());
      }
    }
  }

  private void register(ServiceRegistries registries, Task task) {
    Service service = services.get(ServiceTaskIndex.serviceOf(task)).orElse(null);
    TaskDefinition def = definitions.byArn(task.taskDefinitionArn()).orElse(null);
    if (service == null || def == null) {
      return;
    }
    Scope scope = Arn.parse(service.serviceArn()).orElseThrow().scope();
    Map<String, String> base = TaskAttributes.of(task, service, def, scope, ec2InstanceId(task));
    Set<Target> targets =
        memberships.computeIfAbsent(task.taskArn(), k -> ConcurrentHashMap.newKeySet());
    for (TaskAttributes.Registration r : TaskAttributes.registrations(task, service, def, base)) {
      ServiceRegistries.Registry registry = registries.find(scope, r.registryArn()).orElse(null);
      if (registry == null) {
        continue;
      }
      Map<String, String> attributes = r.attributes();
      if (!registry.srv() && r.fromServiceRegistries()) {
        attributes.remove(TaskAttributes.PORT);
      }
      registries.register(scope, r.registryArn(), taskId(task), attributes);
      targets.add(new Target(scope, r.registryArn()));
      if (registry.customHealth()) {
        registries.health(scope, r.registryArn(), taskId(task), healthy(task));
      }
    }
  }

  private String ec2InstanceId(Task task) {
    if (task.containerInstanceArn() == null) {
      return null;
    }
    return Arn.parse(task.clusterArn())
        .map(
            cluster ->
                instances.candidates(cluster).stream()
                    .filter(c -> task.containerInstanceArn().equals(c.containerInstanceArn()))
                    .map(InstanceCatalog.Candidate::ec2InstanceId)
                    .findFirst()
                    .orElse(null))
        .orElse(null);
  }

  /** RUNNING, not asked to stop, and with an address to register. */
  static boolean live(Task t) {
    return "RUNNING".equals(t.lastStatus())
        && !"STOPPED".equals(t.desiredStatus())
        && TaskAddresses.ipv4(t) != null;
  }

  private static boolean healthy(Task t) {
    return !"UNHEALTHY".equals(t.healthStatusAsString());
  }

  static String taskId(Task t) {
    return t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
  }
}
