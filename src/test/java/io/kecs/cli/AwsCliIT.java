package io.kecs.cli;

import io.kecs.testing.AwsCliScript;
import io.kecs.testing.KecsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs src/test/cli/ecs-cli-test.sh with the AWS CLI v2 against the real server. */
class AwsCliIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  @Test
  void awsCliV2DrivesKecs() throws Exception {
    AwsCliScript.run("ecs-cli-test.sh", kecs.endpoint());
  }
}
