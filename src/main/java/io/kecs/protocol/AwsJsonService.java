package io.kecs.protocol;

import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One awsJson 1.1 service: a target prefix (e.g. {@code AmazonEC2ContainerServiceV20141113}) and
 * its operation table. Operations are added by name with their request type and handler; the codec
 * turns bodies into requests and responses into bodies.
 */
public final class AwsJsonService {
  private final String targetPrefix;
  private final AwsJsonCodec codec;
  private final String validationErrorCode;
  private final OperationTable<byte[]> operations;

  /**
   * @param validationErrorCode the error code this service answers for requests that break the
   *     model (ECS: {@code InvalidParameterException})
   */
  public AwsJsonService(String targetPrefix, AwsJsonCodec codec, String validationErrorCode) {
    this.targetPrefix = targetPrefix;
    this.codec = codec;
    this.validationErrorCode = validationErrorCode;
    this.operations = new OperationTable<>(codec::read);
  }

  public String targetPrefix() {
    return targetPrefix;
  }

  public <Q extends SdkPojo, R extends SdkPojo> AwsJsonService add(
      String name, Class<Q> requestType, OperationHandler<Q, R> handler) {
    operations.add(name, requestType, handler);
    return this;
  }

  public Set<String> operationNames() {
    return operations.names();
  }

  /** Serves one call; throws {@link AwsException} for every client-visible failure. */
  public byte[] invoke(String operation, byte[] body, RequestContext context) {
    if (!operations.has(operation)) {
      throw new UnknownOperationException(
          "The operation " + operation + " is not supported by " + targetPrefix);
    }
    try {
      return codec.write(operations.call(operation, body, context));
    } catch (RequestValidationException e) {
      throw new AwsException(validationErrorCode, 400, e.getMessage());
    }
  }
}
