package io.kecs.protocol;

import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A service module that speaks awsJson 1.1: one {@link AwsJsonService} and its signing name. */
public final class AwsJsonModule implements ServiceModule {
  private static final Logger LOG = LoggerFactory.getLogger(AwsJsonModule.class);
  private static final String JSON_11 = "application/x-amz-json-1.1";

  private final String signingName;
  private final AwsJsonService service;
  private final AwsJsonCodec codec;

  public AwsJsonModule(String signingName, AwsJsonService service, AwsJsonCodec codec) {
    this.signingName = signingName;
    this.service = service;
    this.codec = codec;
  }

  @Override
  public String signingName() {
    return signingName;
  }

  @Override
  public Set<String> targetPrefixes() {
    return Set.of(service.targetPrefix());
  }

  @Override
  public Set<String> operationNames() {
    return service.operationNames();
  }

  @Override
  public ApiAnswer serve(ApiCall call) {
    String target = call.target() == null ? "" : call.target();
    int dot = target.indexOf('.');
    String action = dot < 0 ? "" : target.substring(dot + 1);
    String label = service.operationNames().contains(action) ? action : "unknown";
    try {
      byte[] body = service.invoke(action, call.body(), call.context());
      return new ApiAnswer(200, JSON_11, Map.of(), body, label);
    } catch (AwsException e) {
      return withAction(error(e, call.requestId()), label);
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure serving {} (request {})", target, call.requestId(), e);
      AwsException fault = new AwsException("ServerException", 500, "Internal error: " + e);
      return withAction(error(fault, call.requestId()), label);
    }
  }

  @Override
  public ApiAnswer error(AwsException error, String requestId) {
    return new ApiAnswer(
        error.httpStatus(),
        JSON_11,
        Map.of("x-amzn-ErrorType", error.errorCode()),
        codec.writeError(error),
        "unknown");
  }

  private static ApiAnswer withAction(ApiAnswer a, String action) {
    return new ApiAnswer(a.status(), a.contentType(), a.headers(), a.body(), action);
  }
}
