package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.kecs.agent.CredentialIds;
import io.kecs.agent.TaskEnvironment;
import io.kecs.identity.Arn;
import io.kecs.runtime.TaskLaunch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ECS agent's variables in a pod's containers ({@link TaskEnvironment}), pointing at the node
 * agent on 169.254.170.2; a container's own variables (environment, files, secrets) win. A
 * workload's pods are tasks whose id is their UID, unknown when the template is written, so their
 * metadata URIs take the UID through the downward API ({@code $(KECS_POD_UID)}, which the agent
 * accepts with its dashes) and they get no credentials URI: ids are tied to a task's record.
 */
final class AgentVariables {
  static final String POD_UID = "KECS_POD_UID";

  private AgentVariables() {}

  static Container apply(
      Container c, String ecsName, TaskLaunch launch, PodInputs inputs, boolean workload) {
    TaskLaunch named = launch;
    List<EnvVar> env = new ArrayList<>();
    if (workload) {
      // The template's task is no task: its pods are, each with its UID as id.
      String cluster = launch.task().clusterArn();
      String prefix =
          Arn.parse(cluster)
              .map(arn -> Arn.task(arn, "").toString())
              .orElse("arn:aws:ecs:us-east-1:000000000000:task/unknown/");
      named =
          new TaskLaunch(
              launch.task().toBuilder().taskArn(prefix + "$(" + POD_UID + ")").build(),
              launch.definition());
      env.add(
          new EnvVarBuilder()
              .withName(POD_UID)
              .withNewValueFrom()
              .withNewFieldRef()
              .withFieldPath("metadata.uid")
              .endFieldRef()
              .endValueFrom()
              .build());
    }
    Map<String, String> vars =
        TaskEnvironment.of(
            named.task(),
            named.definition(),
            ecsName,
            TaskEnvironment.AGENT_ADDRESS,
            true,
            inputs.awsEndpoint());
    if (workload) {
      // The pod's task does not exist yet: a pod-bound id, which the node agent must carry.
      vars.computeIfPresent(
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
          (k, v) ->
              "/v2/credentials/"
                  + CredentialIds.podBound("$(" + POD_UID + ")", CredentialIds.Role.TASK));
    }
    Set<String> own = c.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());
    vars.forEach(
        (name, value) -> {
          if (!own.contains(name)) {
            env.add(new EnvVar(name, value, null));
          }
        });
    // The agent's first, so the container's own can refer to them.
    env.addAll(c.getEnv());
    return new ContainerBuilder(c).withEnv(env).build();
  }
}
