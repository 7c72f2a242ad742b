package io.kecs.ecs;

import io.kecs.ecs.error.UnsupportedFeatureException;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.OperationHandler;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Operations KECS routes and validates (JSON types, required members, enum values) but does not
 * serve yet. They answer UnsupportedFeatureException, never a fake success. Each one leaves this
 * list when its aggregate lands; docs/operations.md tracks the state of all of them.
 */
final class NotYetServed {
  private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.ecs.model.";

  private NotYetServed() {}

  static void register(AwsJsonService service, String... operations) {
    for (String name : operations) {
      add(service, name, requestClass(name));
    }
  }

  private static <Q extends SdkPojo> void add(AwsJsonService service, String name, Class<Q> type) {
    OperationHandler<Q, SdkPojo> handler =
        (ctx, request) -> {
          throw new UnsupportedFeatureException(
              name + " is not implemented by KECS yet. See docs/operations.md for what is served.");
        };
    service.add(name, type, handler);
  }

  @SuppressWarnings("unchecked")
  private static Class<SdkPojo> requestClass(String operation) {
    try {
      return (Class<SdkPojo>) Class.forName(MODEL_PACKAGE + operation + "Request");
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("No ECS request type for " + operation, e);
    }
  }
}
