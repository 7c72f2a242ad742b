package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Task-wide settings of the pod. Several ECS container fields (hostname, extraHosts, DNS, system
 * controls, stop timeout) are pod-wide in Kubernetes: they are merged over the containers, the
 * first container to set a value winning, and the stop timeout the longest.
 */
final class PodSettings {
  /** ECS waits 30 s after SIGTERM unless a container asks otherwise. */
  static final int DEFAULT_STOP_TIMEOUT = 30;

  private PodSettings() {}

  static void apply(TaskDefinition def, String networkMode, PodSpecBuilder spec) {
    List<ContainerDefinition> containers = def.containerDefinitions();
    spec.withTerminationGracePeriodSeconds((long) stopTimeout(def));
    if ("host".equals(networkMode)) {
      spec.withHostNetwork(true).withDnsPolicy("ClusterFirstWithHostNet");
    }
    boolean sharePids =
        "task".equals(def.pidModeAsString())
            || containers.stream()
                .anyMatch(
                    c ->
                        c.linuxParameters() != null
                            && Boolean.TRUE.equals(c.linuxParameters().initProcessEnabled()));
    if ("host".equals(def.pidModeAsString())) {
      spec.withHostPID(true);
    } else if (sharePids) {
      spec.withShareProcessNamespace(true);
    }
    if ("host".equals(def.ipcModeAsString())) {
      spec.withHostIPC(true);
    }
    containers.stream()
        .map(ContainerDefinition::hostname)
        .filter(h -> h != null && !h.isBlank())
        .findFirst()
        .ifPresent(h -> spec.withHostname(KubeNames.hostname(h)));
    hostAliases(containers, spec);
    dns(containers, spec);
    sysctls(containers, spec);
    Map<String, String> selector = NodeSelection.of(def);
    if (!selector.isEmpty()) {
      spec.withNodeSelector(selector);
    }
  }

  static int stopTimeout(TaskDefinition def) {
    return def.containerDefinitions().stream()
        .map(ContainerDefinition::stopTimeout)
        .filter(t -> t != null && t >= 0)
        .max(Integer::compare)
        .orElse(DEFAULT_STOP_TIMEOUT);
  }

  private static void hostAliases(List<ContainerDefinition> containers, PodSpecBuilder spec) {
    Map<String, Set<String>> byIp = new LinkedHashMap<>();
    for (ContainerDefinition c : containers) {
      c.extraHosts()
          .forEach(
              h ->
                  byIp.computeIfAbsent(h.ipAddress(), k -> new LinkedHashSet<>())
                      .add(h.hostname()));
    }
    byIp.forEach((ip, names) -> spec.addToHostAliases(new HostAlias(new ArrayList<>(names), ip)));
  }

  /** ECS DNS servers replace the resolver configuration, so the pod's policy becomes None. */
  private static void dns(List<ContainerDefinition> containers, PodSpecBuilder spec) {
    Set<String> servers = new LinkedHashSet<>();
    Set<String> searches = new LinkedHashSet<>();
    for (ContainerDefinition c : containers) {
      servers.addAll(c.dnsServers());
      searches.addAll(c.dnsSearchDomains());
    }
    if (servers.isEmpty() && searches.isEmpty()) {
      return;
    }
    if (!servers.isEmpty()) {
      spec.withDnsPolicy("None");
    }
    spec.withNewDnsConfig()
        .withNameservers(new ArrayList<>(servers))
        .withSearches(new ArrayList<>(searches))
        .endDnsConfig();
  }

  private static void sysctls(List<ContainerDefinition> containers, PodSpecBuilder spec) {
    Map<String, String> sysctls = new LinkedHashMap<>();
    for (ContainerDefinition c : containers) {
      c.systemControls().forEach(s -> sysctls.putIfAbsent(s.namespace(), s.value()));
    }
    if (!sysctls.isEmpty()) {
      List<Sysctl> list = new ArrayList<>();
      sysctls.forEach((k, v) -> list.add(new Sysctl(k, v)));
      spec.withNewSecurityContext().withSysctls(list).endSecurityContext();
    }
  }
}
