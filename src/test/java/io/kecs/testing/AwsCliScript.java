package io.kecs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a check script under src/test/cli with the AWS CLI v2 against a KECS endpoint and asserts
 * that every check passed. Without a v2 CLI the test is skipped locally, but fails under CI
 * (CI=true), where .ci/run installs it.
 */
public final class AwsCliScript {
  private AwsCliScript() {}

  /** Runs {@code src/test/cli/<script>} and returns its output once all its checks passed. */
  public static String run(String script, URI endpoint) throws IOException, InterruptedException {
    String aws = findAwsCliV2();
    if (System.getenv("CI") == null) {
      assumeThat(aws).as("AWS CLI v2 (apt-get install awscli)").isNotNull();
    }
    assertThat(aws).as("AWS CLI v2 must be installed in CI").isNotNull();
    ProcessBuilder pb =
        new ProcessBuilder("bash", "src/test/cli/" + script).redirectErrorStream(true);
    pb.environment().put("KECS_ENDPOINT", endpoint.toString());
    pb.environment().put("AWS", aws);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    System.out.println(output);
    assertThat(output).doesNotContain("FAIL").containsPattern("\\d+ passed, 0 failed");
    assertThat(p.exitValue()).isZero();
    return output;
  }

  /** The AWS CLI v2 executable: KECS_AWS_CLI, /usr/bin/aws or /usr/local/bin/aws; else null. */
  public static String findAwsCliV2() throws IOException, InterruptedException {
    String configured = System.getenv("KECS_AWS_CLI");
    for (String candidate : new String[] {configured, "/usr/bin/aws", "/usr/local/bin/aws"}) {
      if (candidate == null || !Files.isExecutable(Path.of(candidate))) {
        continue;
      }
      Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      if (version.startsWith("aws-cli/2")) {
        return candidate;
      }
    }
    return null;
  }
}
