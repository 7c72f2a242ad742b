package io.kecs.ecs.setting;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.ecs.EcsApi;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.RequestContext;
import io.kecs.store.Database;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Settings and capacity providers come back when the API is rebuilt over the same store. */
class AccountSettingRestartTest {
  private static final RequestContext CTX =
      new RequestContext("r", new Scope("000000000000", "us-east-1"));

  private static String call(EcsApi api, String operation, String body) {
    return new String(
        api.service().invoke(operation, body.getBytes(StandardCharsets.UTF_8), CTX),
        StandardCharsets.UTF_8);
  }

  @Test
  void storedRecordsSurviveARestart() {
    try (Database db = Database.inMemory()) {
      EcsApi first = io.kecs.testing.TestEcsApi.create(db, new AwsJsonCodec());
      call(first, "PutAccountSettingDefault", "{\"name\":\"dualStackIPv6\",\"value\":\"enabled\"}");
      call(
          first,
          "CreateCapacityProvider",
          "{\"name\":\"cp\",\"autoScalingGroupProvider\":{\"autoScalingGroupArn\":\"asg\"}}");

      EcsApi second = io.kecs.testing.TestEcsApi.create(db, new AwsJsonCodec());
      assertThat(call(second, "ListAccountSettings", "{\"name\":\"dualStackIPv6\"}"))
          .contains("\"value\":\"enabled\"");
      assertThat(call(second, "DescribeCapacityProviders", "{\"capacityProviders\":[\"cp\"]}"))
          .contains("\"status\":\"ACTIVE\"")
          .contains("\"autoScalingGroupArn\":\"asg\"");
    }
  }
}
