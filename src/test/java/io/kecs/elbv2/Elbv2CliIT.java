package io.kecs.elbv2;

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
 * Runs src/test/cli/elbv2-cli-test.sh with the AWS CLI v2 against the real server. Without a v2 CLI
 * the test is skipped locally, but fails under CI (CI=true), where .ci/run installs it.
 */
class Elbv2CliIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  @Test
  void awsCliV2DrivesElbv2() throws Exception {
    String aws = System.getenv().getOrDefault("KECS_AWS_CLI", "/usr/bin/aws");
    if (System.getenv("CI") == null) {
      assumeThat(Files.isExecutable(Path.of(aws)))
          .as("AWS CLI v2 (apt-get install awscli)")
          .isTrue();
    }
    ProcessBuilder pb =
        new ProcessBuilder("bash", "src/test/cli/elbv2-cli-test.sh").redirectErrorStream(true);
    pb.environment().put("KECS_ENDPOINT", kecs.endpoint().toString());
    pb.environment().put("AWS", aws);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    System.out.println(output);
    assertThat(output).doesNotContain("FAIL").containsPattern("\\d+ passed, 0 failed");
    assertThat(p.exitValue()).isZero();
  }
}
