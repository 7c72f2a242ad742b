package io.kecs.dashboard;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;

/** What the browser test expects to find, made through the AWS SDK as a user would. */
record DashboardSeed(String stopTaskId) {
  static final NetworkConfiguration NETWORK =
      NetworkConfiguration.builder().awsvpcConfiguration(a -> a.subnets("subnet-1")).build();

  static DashboardSeed create(EcsClient ecs) throws InterruptedException {
    ecs.createCluster(r -> r.clusterName("web-prod"));
    ecs.createCluster(r -> r.clusterName("batch"));
    register(
        ecs,
        "api",
        "registry.local/api:1",
        KeyValuePair.builder().name("TOKEN").value("s3cr3t-value").build());
    register(
        ecs,
        "api",
        "registry.local/api:2",
        KeyValuePair.builder().name("TOKEN").value("s3cr3t-value").build());
    register(
        ecs, "old", "registry.local/old:1", KeyValuePair.builder().name("A").value("b").build());
    register(
        ecs,
        "crash",
        "registry.local/crash:1",
        KeyValuePair.builder().name("KECS_SIMULATE_EXIT_CODE").value("3").build());
    ecs.createService(
        r ->
            r.cluster("web-prod")
                .serviceName("api")
                .taskDefinition("api:1")
                .desiredCount(2)
                .launchType("FARGATE")
                .networkConfiguration(NETWORK));
    String stop = run(ecs, "api:1").taskArn();
    Task xss = run(ecs, "api:1");
    ecs.tagResource(
        r ->
            r.resourceArn(xss.taskArn())
                .tags(t -> t.key("note").value("<img src=x onerror=window.__xss=2>")));
    ecs.stopTask(
        r -> r.cluster("web-prod").task(xss.taskArn()).reason(DashboardBrowserIT.XSS_REASON));
    // Under heavy load a simulated task may stay PENDING (an observation race, also on main):
    // another crashing task is started then, so the page has a stopped one to show.
    boolean stopped = false;
    for (int attempt = 0; attempt < 3 && !stopped; attempt++) {
      stopped = crashed(ecs, run(ecs, "crash").taskArn());
    }
    for (int i = 0; i < 300; i++) {
      var api = ecs.describeServices(r -> r.cluster("web-prod").services("api")).services().get(0);
      if (api.runningCount() == 2 && api.deployments().size() == 1) {
        break;
      }
      Thread.sleep(100);
    }
    return new DashboardSeed(stop.substring(stop.lastIndexOf('/') + 1));
  }

  private static boolean crashed(EcsClient ecs, String arn) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Task t = ecs.describeTasks(r -> r.cluster("web-prod").tasks(arn)).tasks().get(0);
      if (t.lastStatus().equals("STOPPED")) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static void register(EcsClient ecs, String family, String image, KeyValuePair env) {
    ecs.registerTaskDefinition(
        r ->
            r.family(family)
                .networkMode("awsvpc")
                .requiresCompatibilitiesWithStrings("FARGATE")
                .cpu("256")
                .memory("512")
                .containerDefinitions(
                    ContainerDefinition.builder()
                        .name(family)
                        .image(image)
                        .environment(env)
                        .build()));
  }

  private static Task run(EcsClient ecs, String taskDefinition) {
    return ecs.runTask(
            r ->
                r.cluster("web-prod")
                    .taskDefinition(taskDefinition)
                    .launchType("FARGATE")
                    .networkConfiguration(NETWORK))
        .tasks()
        .get(0);
  }
}
