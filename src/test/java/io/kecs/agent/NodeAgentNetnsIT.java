package io.kecs.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node agent for real on 169.254.170.2:80, in a network namespace this test creates (a veth
 * pair inside it: the agent's end holds 169.254.170.2, the "pod" end 169.254.170.10), with KECS
 * (the packaged jar) on the namespace's loopback: a container's curl reaches its task metadata and
 * credentials at the ECS agent's address. Needs root and iproute2 (CI runs as root); skipped
 * otherwise, failing under {@code CI=true}.
 */
class NodeAgentNetnsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KECS = "http://127.0.0.1:4566";

  private String ns;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void namespace() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean ip =
        Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"));
    if (!root || !ip) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("the network namespace test needs root and iproute2");
      }
      Assumptions.abort("needs root and iproute2");
    }
    ns = "kecs-agent-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
    run("ip", "netns", "add", ns);
    run("ip", "-n", ns, "link", "set", "lo", "up");
    run("ip", "-n", ns, "link", "add", "agent0", "type", "veth", "peer", "name", "pod0");
    run("ip", "-n", ns, "addr", "add", "169.254.170.2/24", "dev", "agent0");
    run("ip", "-n", ns, "addr", "add", "169.254.170.10/24", "dev", "pod0");
    run("ip", "-n", ns, "link", "set", "agent0", "up");
    run("ip", "-n", ns, "link", "set", "pod0", "up");
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (ns != null) {
      run("ip", "netns", "del", ns);
    }
  }

  @Test
  void aContainerReachesItsMetadataAndCredentialsAt169254170_2() throws Exception {
    start("server", "--ephemeral", "--port", "4566", "--admin-port", "-1");
    await(() -> curl(KECS + "/_kecs/health").contains("ok"));
    start("agent", "--listen-host", "169.254.170.2", "--listen-port", "80", "--kecs", KECS);

    call("CreateCluster", "{\"clusterName\":\"netns\"}");
    call(
        "RegisterTaskDefinition",
        "{\"family\":\"app\",\"taskRoleArn\":\"arn:aws:iam::000000000000:role/app\","
            + "\"networkMode\":\"awsvpc\",\"requiresCompatibilities\":[\"FARGATE\"],\"cpu\":\"256\","
            + "\"memory\":\"512\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"nginx\"}]}");
    String arn =
        call(
                "RunTask",
                "{\"cluster\":\"netns\",\"taskDefinition\":\"app\",\"launchType\":\"FARGATE\","
                    + "\"networkConfiguration\":{\"awsvpcConfiguration\":{\"subnets\":[\"s-1\"]}}}")
            .at("/tasks/0/taskArn")
            .asText();
    String id = arn.substring(arn.lastIndexOf('/') + 1);
    await(
        () ->
            "RUNNING"
                .equals(
                    call("DescribeTasks", "{\"cluster\":\"netns\",\"tasks\":[\"" + arn + "\"]}")
                        .at("/tasks/0/lastStatus")
                        .asText()));
    String full =
        JSON.readTree(curl(KECS + "/_kecs/tasks/" + id + "/environment"))
            .at("/web/AWS_CONTAINER_CREDENTIALS_FULL_URI")
            .asText();
    String relative = full.substring(full.indexOf("/v2/"));

    String podIp =
        call("DescribeTasks", "{\"cluster\":\"netns\",\"tasks\":[\"" + arn + "\"]}")
            .at("/tasks/0/containers/0/networkInterfaces/0/privateIpv4Address")
            .asText();
    // The pod's end of the veth takes the task's address, as a pod has its task's.
    run("ip", "-n", ns, "addr", "add", podIp + "/32", "dev", "pod0");

    await(() -> !curlFrom(podIp, "http://169.254.170.2/v4/" + id + ".web/task").isEmpty());
    JsonNode task = JSON.readTree(curlFrom(podIp, "http://169.254.170.2/v4/" + id + ".web/task"));
    assertThat(task.get("TaskARN").asText()).isEqualTo(arn);
    JsonNode creds = JSON.readTree(curlFrom(podIp, "http://169.254.170.2" + relative));
    assertThat(creds.get("RoleArn").asText()).isEqualTo("arn:aws:iam::000000000000:role/app");
    assertThat(creds.get("AccessKeyId").asText()).startsWith("ASIA");
    // Another pod (another address) asking for this task's credentials is refused.
    JsonNode refused = JSON.readTree(curlFrom("169.254.170.10", "http://169.254.170.2" + relative));
    assertThat(refused.get("code").asText()).isEqualTo("InvalidIdInRequest");
  }

  private void start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("kecs.jar", "target/kecs.jar")));
    command.addAll(List.of(args));
    Path log = Files.createTempFile("kecs-netns-" + args[0], ".log");
    processes.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  private JsonNode call(String action, String body) throws Exception {
    return JSON.readTree(
        run(
            "ip",
            "netns",
            "exec",
            ns,
            "curl",
            "-sf",
            "-m",
            "20",
            "-X",
            "POST",
            KECS + "/",
            "-H",
            "X-Amz-Target: AmazonEC2ContainerServiceV20141113." + action,
            "-H",
            "Content-Type: application/x-amz-json-1.1",
            "-d",
            body));
  }

  private String curl(String url) throws Exception {
    return run("ip", "netns", "exec", ns, "curl", "-s", "-m", "20", url);
  }

  /** As a container would: from its pod's address, to the agent's. */
  private String curlFrom(String address, String url) throws Exception {
    return run("ip", "netns", "exec", ns, "curl", "-s", "-m", "20", "--interface", address, url);
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void await(Check check) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not reached within 120 s");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
