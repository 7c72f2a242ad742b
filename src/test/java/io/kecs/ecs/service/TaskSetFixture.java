package io.kecs.ecs.service;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** What the task set ITs share: an EXTERNAL service, FARGATE task sets, polling for a state. */
final class TaskSetFixture {
  static final String CLUSTER = "apps";
  private final EcsClient ecs;
  private final java.net.URI endpoint;
  private String targetGroup;

  TaskSetFixture(io.kecs.testing.KecsTestServer kecs) {
    this.ecs = kecs.ecs();
    this.endpoint = kecs.endpoint();
  }

  /** An ip target group behind a load balancer's listener, made through the ELBv2 API once. */
  String targetGroup() {
    if (targetGroup == null) {
      try (io.kecs.testing.LoadBalancers elb = new io.kecs.testing.LoadBalancers(endpoint)) {
        targetGroup =
            elb.servedGroup(
                "blue",
                software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum.IP);
        // Tasks stopping in these tests need not wait out a drain.
        elb.deregistrationDelay(targetGroup, 0);
      }
    }
    return targetGroup;
  }

  String register(String image) {
    return ecs.registerTaskDefinition(
            r ->
                r.family("web")
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(
                        c -> c.name("app").image(image).portMappings(p -> p.containerPort(80))))
        .taskDefinition()
        .taskDefinitionArn();
  }

  Service createExternal(String name, int desiredCount) {
    ecs.createCluster(r -> r.clusterName(CLUSTER));
    return ecs.createService(
            r ->
                r.cluster(CLUSTER)
                    .serviceName(name)
                    .desiredCount(desiredCount)
                    .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL)))
        .service();
  }

  TaskSet createSet(String service, String taskDefinition, double scale) {
    return ecs.createTaskSet(
            r ->
                r.cluster(CLUSTER)
                    .service(service)
                    .taskDefinition(taskDefinition)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                    .scale(s -> s.value(scale).unit("PERCENT")))
        .taskSet();
  }

  TaskSet describeSet(String service, String taskSet) {
    return ecs.describeTaskSets(r -> r.cluster(CLUSTER).service(service).taskSets(taskSet))
        .taskSets()
        .get(0);
  }

  Service describe(String service) {
    return ecs.describeServices(r -> r.cluster(CLUSTER).services(service)).services().get(0);
  }

  TaskSet awaitSet(String service, String taskSet, Predicate<TaskSet> condition)
      throws InterruptedException {
    return await(() -> describeSet(service, taskSet), condition);
  }

  static <T> T await(Supplier<T> read, Predicate<T> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T value = read.get();
    while (!condition.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; last state: " + value);
      }
      Thread.sleep(50);
      value = read.get();
    }
    return value;
  }

  static boolean steady(TaskSet ts, int running) {
    return "STEADY_STATE".equals(ts.stabilityStatusAsString()) && ts.runningCount() == running;
  }

  List<Task> tasksOf(String taskSetId) {
    List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).startedBy(taskSetId)).taskArns();
    return arns.isEmpty()
        ? List.of()
        : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
  }
}
