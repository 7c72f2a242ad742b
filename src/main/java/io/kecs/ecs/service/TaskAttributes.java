package io.kecs.ecs.service;

import io.kecs.identity.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.ServiceConnectServiceResource;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * The Cloud Map instance ECS registers for a task: its attributes ({@code AWS_INSTANCE_IPV4},
 * {@code AWS_INSTANCE_PORT} for SRV records, {@code AVAILABILITY_ZONE}, {@code REGION}, {@code
 * ECS_CLUSTER_NAME}, {@code ECS_SERVICE_NAME}, {@code ECS_TASK_DEFINITION_FAMILY}, {@code
 * EC2_INSTANCE_ID} on EC2, {@code ECS_TASK_SET_EXTERNAL_ID} for task sets with an external id) and
 * the registries it goes into: the service's (or its task set's) {@code serviceRegistries} and the
 * Service Connect discovery services of the deployment that started it.
 */
final class TaskAttributes {
  static final String IPV4 = "AWS_INSTANCE_IPV4";
  static final String PORT = "AWS_INSTANCE_PORT";
  static final String CLUSTER = "ECS_CLUSTER_NAME";

  private TaskAttributes() {}

  /** One registration: a registry and the instance's attributes there. */
  record Registration(
      String registryArn, Map<String, String> attributes, boolean fromServiceRegistries) {}

  static Map<String, String> of(
      Task task, Service service, TaskDefinition def, Scope scope, String ec2InstanceId) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(IPV4, TaskAddresses.ipv4(task));
    if (task.availabilityZone() != null) {
      a.put("AVAILABILITY_ZONE", task.availabilityZone());
    }
    a.put("REGION", scope.region());
    a.put(CLUSTER, task.clusterArn().substring(task.clusterArn().lastIndexOf('/') + 1));
    a.put("ECS_SERVICE_NAME", service.serviceName());
    a.put("ECS_TASK_DEFINITION_FAMILY", def.family());
    if (ec2InstanceId != null) {
      a.put("EC2_INSTANCE_ID", ec2InstanceId);
    }
    return a;
  }

  static List<Registration> registrations(
      Task task, Service service, TaskDefinition def, Map<String, String> base) {
    List<Registration> out = new ArrayList<>();
    TaskSet set =
        service.taskSets().stream()
            .filter(ts -> ts.id().equals(task.startedBy()))
            .findFirst()
            .orElse(null);
    List<ServiceRegistry> registries =
        set != null ? set.serviceRegistries() : service.serviceRegistries();
    for (ServiceRegistry r : registries) {
      Map<String, String> a = new LinkedHashMap<>(base);
      if (set != null && set.externalId() != null) {
        a.put("ECS_TASK_SET_EXTERNAL_ID", set.externalId());
      }
      Integer port = port(task, def, r);
      if (port != null) {
        a.put(PORT, port.toString());
      }
      out.add(new Registration(r.registryArn(), a, true));
    }
    Deployment d =
        service.deployments().stream()
            .filter(x -> x.id().equals(task.startedBy()))
            .findFirst()
            .orElse(null);
    ServiceConnectConfiguration sc = d == null ? null : d.serviceConnectConfiguration();
    if (sc != null && Boolean.TRUE.equals(sc.enabled())) {
      for (ServiceConnectService s : sc.services()) {
        String name = s.discoveryName() != null ? s.discoveryName() : s.portName();
        for (ServiceConnectServiceResource res : d.serviceConnectResources()) {
          if (name.equals(res.discoveryName())) {
            Map<String, String> a = new LinkedHashMap<>(base);
            PortMapping p = ServiceConnectSetup.portMapping(def, s.portName());
            a.put(PORT, p.containerPort().toString());
            out.add(new Registration(res.discoveryArn(), a, false));
          }
        }
      }
    }
    return out;
  }

  /**
   * The SRV port: {@code port}, else the container port ({@code awsvpc}) or the host port it is
   * bound to ({@code bridge}, {@code host}).
   */
  private static Integer port(Task task, TaskDefinition def, ServiceRegistry r) {
    if (r.port() != null) {
      return r.port();
    }
    if (r.containerName() == null || r.containerPort() == null) {
      return null;
    }
    if ("awsvpc".equals(def.networkModeAsString())) {
      return r.containerPort();
    }
    for (Container c : task.containers()) {
      if (r.containerName().equals(c.name())) {
        for (NetworkBinding b : c.networkBindings()) {
          if (r.containerPort().equals(b.containerPort())) {
            return b.hostPort();
          }
        }
      }
    }
    return r.containerPort();
  }
}
