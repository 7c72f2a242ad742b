package io.kecs.protocol;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One awsQuery service: its API version and operation table. Operations are added by name with
 * their request type and handler; the codec turns forms into requests and responses into XML.
 */
public final class AwsQueryService {
  private final String version;
  private final AwsQueryCodec codec;
  private final String validationErrorCode;
  private final OperationTable<Map<String, String>> operations;

  /**
   * @param version the {@code Version} parameter clients send (ELBv2: {@code 2015-12-01})
   * @param validationErrorCode the error code for requests that break the model (ELBv2: {@code
   *     ValidationError})
   */
  public AwsQueryService(String version, AwsQueryCodec codec, String validationErrorCode) {
    this.version = version;
    this.codec = codec;
    this.validationErrorCode = validationErrorCode;
    this.operations = new OperationTable<>(codec::read);
  }

  public String version() {
    return version;
  }

  public AwsQueryCodec codec() {
    return codec;
  }

  public <Q extends SdkPojo, R extends SdkPojo> AwsQueryService add(
      String name, Class<Q> requestType, OperationHandler<Q, R> handler) {
    operations.add(name, requestType, handler);
    return this;
  }

  public Set<String> operationNames() {
    return operations.names();
  }

  /** Serves one call; throws {@link AwsException} for every client-visible failure. */
  public byte[] invoke(String action, Map<String, String> form, RequestContext context) {
    if (!operations.has(action)) {
      throw new AwsException(
          "InvalidAction", 400, "The action " + action + " is not valid for this web service.");
    }
    SdkPojo result;
    try {
      result = operations.call(action, form, context);
    } catch (RequestValidationException e) {
      throw new AwsException(validationErrorCode, 400, e.getMessage());
    }
    return codec.write(action, result, context.requestId());
  }
}
