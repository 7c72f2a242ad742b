package io.kecs.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service module that speaks awsQuery: form parameters (body or query string) with {@code Action}
 * and {@code Version}, XML answers, {@code ErrorResponse} errors.
 */
public final class AwsQueryModule implements ServiceModule {
  private static final Logger LOG = LoggerFactory.getLogger(AwsQueryModule.class);
  private static final String XML = "text/xml";

  private final String signingName;
  private final AwsQueryService service;

  public AwsQueryModule(String signingName, AwsQueryService service) {
    this.signingName = signingName;
    this.service = service;
  }

  @Override
  public String signingName() {
    return signingName;
  }

  @Override
  public Optional<String> queryVersion() {
    return Optional.of(service.version());
  }

  @Override
  public Set<String> operationNames() {
    return service.operationNames();
  }

  @Override
  public ApiAnswer serve(ApiCall call) {
    Map<String, String> form;
    try {
      form = new HashMap<>(call.query());
      // The body wins over the query string, as AWS query services read a POST.
      form.putAll(FormBody.decode(call.body()));
    } catch (IllegalArgumentException e) {
      return error(
          new AwsException("MalformedQueryString", 400, "Malformed form data: " + e.getMessage()),
          call.requestId());
    }
    String action = form.getOrDefault("Action", "");
    String label = service.operationNames().contains(action) ? action : "unknown";
    try {
      if (action.isEmpty()) {
        throw new AwsException("MissingAction", 400, "The request must contain an Action.");
      }
      String version = form.get("Version");
      if (version == null) {
        throw new AwsException(
            "MissingParameter", 400, "The request must contain the parameter Version.");
      }
      if (!version.equals(service.version())) {
        throw new AwsException(
            "InvalidParameterValue",
            400,
            "Version " + version + " is not supported; this service speaks " + service.version());
      }
      byte[] body = service.invoke(action, form, call.context());
      return new ApiAnswer(200, XML, Map.of("x-amzn-RequestId", call.requestId()), body, label);
    } catch (AwsException e) {
      return withAction(error(e, call.requestId()), label);
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure serving {} (request {})", action, call.requestId(), e);
      AwsException fault = new AwsException("InternalFailure", 500, "Internal error: " + e);
      return withAction(error(fault, call.requestId()), label);
    }
  }

  @Override
  public ApiAnswer error(AwsException error, String requestId) {
    return new ApiAnswer(
        error.httpStatus(),
        XML,
        Map.of("x-amzn-RequestId", requestId),
        service.codec().writeError(error, requestId),
        "unknown");
  }

  private static ApiAnswer withAction(ApiAnswer a, String action) {
    return new ApiAnswer(a.status(), a.contentType(), a.headers(), a.body(), action);
  }
}
