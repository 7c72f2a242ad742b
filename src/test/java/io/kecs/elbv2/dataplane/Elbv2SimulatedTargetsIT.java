package io.kecs.elbv2.dataplane;

import static io.kecs.elbv2.dataplane.LoadBalancerFixture.forward;
import static io.kecs.elbv2.dataplane.LoadBalancerFixture.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kecs.testing.KecsTestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * Simulated ECS tasks as load balancer targets: tasks started with RunTask answer their mapped port
 * with the JSON echo, reached at the task's own address; one told to fail its health checks after a
 * while leaves the rotation; a stopped task's target fails its checks.
 */
class Elbv2SimulatedTargetsIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LoadBalancerFixture f;

  @BeforeAll
  static void fixture() {
    f = new LoadBalancerFixture(kecs.endpoint());
  }

  @AfterAll
  static void close() {
    f.close();
  }

  private static Task run(KeyValuePair... env) {
    return kecs.ecs()
        .runTask(
            r ->
                r.cluster("web")
                    .taskDefinition("echo")
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(
                        n -> n.awsvpcConfiguration(v -> v.subnets("subnet-12345")))
                    .overrides(o -> o.containerOverrides(c -> c.name("app").environment(env))))
        .tasks()
        .get(0);
  }

  private static String ipOf(String taskArn) {
    Task t = kecs.ecs().describeTasks(r -> r.cluster("web").tasks(taskArn)).tasks().get(0);
    return t.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
  }

  @Test
  void simulatedTasksAnswerThroughTheLoadBalancerAndAFailingOneLeaves() throws Exception {
    kecs.ecs().createCluster(r -> r.clusterName("web"));
    kecs.ecs()
        .registerTaskDefinition(
            r ->
                r.family("echo")
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(
                        c ->
                            c.name("app")
                                .image("nginx:1.27")
                                .portMappings(p -> p.containerPort(8080))));
    Task good = run();
    Task failing =
        run(
            KeyValuePair.builder().name("KECS_SIMULATE_HTTP_STATUS").value("503").build(),
            KeyValuePair.builder()
                .name("KECS_SIMULATE_HTTP_STATUS_AFTER_SECONDS")
                .value("4")
                .build());
    kecs.waiter()
        .waitUntilTasksRunning(r -> r.cluster("web").tasks(good.taskArn(), failing.taskArn()));
    String goodIp = ipOf(good.taskArn());
    String failingIp = ipOf(failing.taskArn());
    assertThat(goodIp).isNotEqualTo(failingIp);

    LoadBalancer lb = f.alb("tasks");
    TargetGroup g = f.group("tasks", t -> t.port(8080));
    f.register(g, goodIp, 8080);
    f.register(g, failingIp, 8080);
    f.listener(lb, 80, forward(g));
    f.awaitHealth(g, goodIp, 8080, state("healthy"));
    f.awaitHealth(g, failingIp, 8080, state("healthy"));

    HttpResponse<String> r = f.get(lb, "/orders/7?expand=items");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode echo = JSON.readTree(r.body());
    assertThat(echo.path("taskArn").asText()).isIn(good.taskArn(), failing.taskArn());
    assertThat(echo.path("taskArn").asText()).endsWith("/" + echo.path("taskId").asText());
    assertThat(echo.path("container").asText()).isEqualTo("app");
    assertThat(echo.path("port").asInt()).isEqualTo(8080);
    assertThat(echo.path("method").asText()).isEqualTo("GET");
    assertThat(echo.path("path").asText()).isEqualTo("/orders/7");
    assertThat(echo.path("query").asText()).isEqualTo("expand=items");
    assertThat(echo.path("headers").path("X-Forwarded-For").get(0).asText()).isEqualTo("127.0.0.1");
    assertThat(echo.path("headers").has("X-Kecs-Target")).isFalse();

    TargetHealth sick = f.awaitHealth(g, failingIp, 8080, state("unhealthy"));
    assertThat(sick.reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
    for (int i = 0; i < 20; i++) {
      JsonNode e = JSON.readTree(f.get(lb, "/").body());
      assertThat(e.path("taskArn").asText()).isEqualTo(good.taskArn());
    }

    kecs.ecs().stopTask(s -> s.cluster("web").task(good.taskArn()));
    TargetHealth stopped = f.awaitHealth(g, goodIp, 8080, state("unhealthy"));
    assertThat(stopped.reasonAsString()).isEqualTo("Target.FailedHealthChecks");
    // Every target unhealthy: the load balancer fails open; the stopped task refuses (502) and the
    // failing one answers its 503.
    List<Integer> codes = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      codes.add(f.get(lb, "/").statusCode());
    }
    assertThat(codes).containsOnly(502, 503).contains(502, 503);
  }
}
