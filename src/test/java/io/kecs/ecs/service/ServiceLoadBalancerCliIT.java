package io.kecs.ecs.service;

import io.kecs.testing.AwsCliScript;
import io.kecs.testing.KecsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs src/test/cli/ecs-lb-cli-test.sh (ECS services behind ELBv2) with the AWS CLI v2. */
class ServiceLoadBalancerCliIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  @Test
  void awsCliV2RunsAServiceBehindATargetGroup() throws Exception {
    AwsCliScript.run("ecs-lb-cli-test.sh", kecs.endpoint());
  }
}
