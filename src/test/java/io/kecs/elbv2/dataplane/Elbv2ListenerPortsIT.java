package io.kecs.elbv2.dataplane;

import static io.kecs.elbv2.dataplane.LoadBalancerFixture.fixed;
import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/** {@code --elb-listener-ports}: a listener served on its own free port while it exists. */
class Elbv2ListenerPortsIT {
  private static KecsServer server;
  private static LoadBalancerFixture f;
  private static final HttpClient PLAIN = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = KecsServer.start(ServerConfig.forTests().toBuilder().elbListenerPorts(true).build());
    f = new LoadBalancerFixture(server.endpoint());
  }

  @AfterAll
  static void stop() {
    f.close();
    server.close();
  }

  private static HttpResponse<String> get(int port) throws Exception {
    return PLAIN.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listenerIsServedOnItsOwnPortUntilDeleted() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    LoadBalancer lb = f.alb("own-port");
    Listener l = f.listener(lb, port, fixed(200, "own port"));
    HttpResponse<String> r = null;
    for (int i = 0; i < 100 && r == null; i++) {
      try {
        r = get(port);
      } catch (ConnectException e) {
        Thread.sleep(100);
      }
    }
    assertThat(r).isNotNull();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("own port");
    // KECS's own port still serves the same listener by name.
    assertThat(f.get(lb, "/").body()).isEqualTo("own port");

    f.elb.deleteListener(d -> d.listenerArn(l.listenerArn()));
    boolean closed = false;
    for (int i = 0; i < 100 && !closed; i++) {
      try {
        get(port);
        Thread.sleep(100);
      } catch (ConnectException e) {
        closed = true;
      }
    }
    assertThat(closed).isTrue();
  }
}
