package io.kecs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StatusViewTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String print(String status) throws Exception {
    StringWriter out = new StringWriter();
    StatusView.print(new PrintWriter(out, true), JSON.readTree(status), null);
    return out.toString();
  }

  @Test
  void showsTheBackendAndWhetherItAnswers() throws Exception {
    assertThat(
            print(
                "{\"runtime\":\"simulated\",\"backend\":{\"url\":\"http://127.0.0.1:5000\","
                    + "\"reachable\":false,\"detail\":\"ConnectException: refused\"}}"))
        .contains("backend   http://127.0.0.1:5000 (NOT answering: ConnectException: refused)");
    assertThat(
            print(
                "{\"backend\":{\"url\":\"http://127.0.0.1:5000\",\"reachable\":true,"
                    + "\"detail\":\"HTTP 404\"}}"))
        .contains("backend   http://127.0.0.1:5000 (answering)");
    assertThat(print("{}")).contains("backend   none");
  }

  @Test
  void showsTheApiServerAndWhetherItAnswers() throws Exception {
    assertThat(
            print(
                "{\"runtime\":\"kubernetes\",\"kubernetes\":{\"url\":\"https://127.0.0.1:6443/\","
                    + "\"reachable\":false,\"detail\":\"no answer within 3 s\"}}"))
        .contains(
            "runtime   kubernetes, API server https://127.0.0.1:6443/ (NOT answering: no answer"
                + " within 3 s)");
    assertThat(print("{\"runtime\":\"simulated\"}")).contains("runtime   simulated\n");
  }
}
