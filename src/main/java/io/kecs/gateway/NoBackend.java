package io.kecs.gateway;

import io.kecs.protocol.ApiAnswer;

/** The answer to a request no KECS module serves while no AWS backend is configured. */
public final class NoBackend {
  private NoBackend() {}

  public static ApiAnswer answer(
      CallerProtocol caller, Route.ToBackend route, String target, String requestId) {
    String what =
        route.service() != null
            ? "the AWS service '" + route.service() + "'"
            : target != null ? "X-Amz-Target " + target : null;
    String message =
        what == null
            ? "KECS cannot tell which AWS service this request is for (no SigV4 credential scope,"
                + " X-Amz-Target, awsQuery Action or service host name) and no AWS backend is"
                + " configured"
            : "KECS does not serve "
                + what
                + " itself and no AWS backend is configured: start"
                + " KECS with --aws-backend URL (a moto server, MiniStack or LocalStack) to"
                + " forward it there";
    return switch (caller) {
      case AWS_JSON -> caller.error("UnknownOperationException", 400, message, requestId);
      case AWS_QUERY -> caller.error("InvalidAction", 400, message, requestId);
      case REST_XML -> caller.error("NotImplemented", 501, message, requestId);
      case REST_JSON -> caller.error("UnknownOperationException", 404, message, requestId);
    };
  }
}
