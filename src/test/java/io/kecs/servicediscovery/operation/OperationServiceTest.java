package io.kecs.servicediscovery.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.clock.ManualScheduler;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.RequestContext;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.model.GetOperationRequest;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;

class OperationServiceTest {
  @Test
  void statusFollowsTheTimeSinceSubmit() {
    ManualScheduler clock = new ManualScheduler();
    try (Database db = Database.inMemory()) {
      OperationService ops =
          new OperationService(
              new RecordTable<>(db, new AwsJsonCodec(), "sd-operation", Operation.class), clock);
      Scope scope = new Scope("000000000000", "us-east-1");
      String id = ops.submit(scope, OperationType.CREATE_NAMESPACE, Map.of("NAMESPACE", "ns-1"));
      RequestContext ctx = new RequestContext("r", scope);
      GetOperationRequest get = GetOperationRequest.builder().operationId(id).build();
      assertThat(ops.getOperation(ctx, get).operation().status())
          .isEqualTo(OperationStatus.SUBMITTED);
      clock.advance(OperationService.PENDING_AFTER);
      assertThat(ops.getOperation(ctx, get).operation().status())
          .isEqualTo(OperationStatus.PENDING);
      clock.advance(OperationService.SUCCESS_AFTER);
      Operation done = ops.getOperation(ctx, get).operation();
      assertThat(done.status()).isEqualTo(OperationStatus.SUCCESS);
      assertThat(Duration.between(done.createDate(), done.updateDate()))
          .isEqualTo(OperationService.SUCCESS_AFTER);
      assertThat(ops.latest(scope, OperationType.CREATE_NAMESPACE, "ns-1")).contains(id);
      assertThat(
              ops.latest(
                  new Scope("111111111111", "us-east-1"), OperationType.CREATE_NAMESPACE, "ns-1"))
          .isEmpty();
    }
  }
}
