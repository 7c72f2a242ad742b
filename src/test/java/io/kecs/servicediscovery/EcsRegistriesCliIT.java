package io.kecs.servicediscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kecs.testing.KecsTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs src/test/cli/ecs-registries-cli-test.sh with the AWS CLI v2 against the real server (skipped
 * locally without a v2 CLI, required under CI, where .ci/run installs it).
 */
class EcsRegistriesCliIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  @Test
  void awsCliV2DrivesServiceRegistriesAndServiceConnect() throws Exception {
    String aws = System.getenv().getOrDefault("KECS_AWS_CLI", "/usr/bin/aws");
    if (System.getenv("CI") == null) {
      assumeThat(Files.isExecutable(Path.of(aws))).as("AWS CLI v2 at " + aws).isTrue();
    }
    ProcessBuilder pb =
        new ProcessBuilder("bash", "src/test/cli/ecs-registries-cli-test.sh")
            .redirectErrorStream(true);
    pb.environment().put("KECS_ENDPOINT", kecs.endpoint().toString());
    pb.environment().put("KECS_DNS_PORT", Integer.toString(kecs.dnsPort()));
    pb.environment().put("AWS", aws);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    System.out.println(output);
    assertThat(output).doesNotContain("FAIL").containsPattern("\\d+ passed, 0 failed");
    assertThat(p.exitValue()).isZero();
  }
}
