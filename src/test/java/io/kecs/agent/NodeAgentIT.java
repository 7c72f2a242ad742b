package io.kecs.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The node agent ({@code kecs agent}) in-process on loopback: forwards the agent's paths to KECS,
 * refuses the rest (no open proxy to the API), and answers the agent's error when KECS is down.
 * {@code NodeAgentNetnsIT} runs it on 169.254.170.2 in a network namespace.
 */
class NodeAgentIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  @Test
  void forwardsMetadataAndCredentialsAndNothingElse() throws Exception {
    TaskAgentIT.registerApp(kecs.ecs(), TaskAgentIT.TASK_ROLE);
    Task task = TaskAgentIT.runApp(kecs, kecs.ecs());
    String id = TaskAgentIT.taskId(task);
    try (NodeAgent agent = NodeAgent.start("127.0.0.1", 0, kecs.endpoint())) {
      String base = "http://127.0.0.1:" + agent.port();
      AgentHttp.Answer meta = AgentHttp.get(base + "/v4/" + id + ".web/task");
      assertThat(meta.status()).isEqualTo(200);
      assertThat(meta.body().get("TaskARN").asText()).isEqualTo(task.taskArn());
      String relative = "/v2/credentials/" + CredentialIds.of(task, CredentialIds.Role.TASK);
      // The caller here is 127.0.0.1, not the task's address: another pod's id is refused
      // (NodeAgentNetnsIT calls from the task's own address).
      AgentHttp.Answer creds = AgentHttp.get(base + relative);
      assertThat(creds.status()).isEqualTo(400);
      assertThat(creds.body().get("code").asText()).isEqualTo("InvalidIdInRequest");
      assertThat(AgentHttp.get(base + "/v2/credentials/nope").body().get("code").asText())
          .isEqualTo("InvalidIdInRequest");
      assertThat(AgentHttp.get(base + "/_kecs/health").status()).isEqualTo(404);
    }
  }

  @Test
  void kecsDownGivesTheAgentsErrorNotAHang() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      dead = s.getLocalPort();
    }
    try (NodeAgent agent =
        NodeAgent.start("127.0.0.1", 0, URI.create("http://127.0.0.1:" + dead))) {
      AgentHttp.Answer a = AgentHttp.get("http://127.0.0.1:" + agent.port() + "/v2/credentials/x");
      assertThat(a.status()).isEqualTo(502);
      assertThat(a.body().get("code").asText()).isEqualTo("InternalServerError");
    }
  }
}
