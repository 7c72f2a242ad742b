package io.kecs.protocol;

import java.util.Map;

/**
 * One AWS call for a module, read and bounded by the gateway.
 *
 * @param target the {@code X-Amz-Target} header, or null (awsQuery)
 * @param query the decoded query-string parameters (first value of each)
 * @param body the request body (for awsQuery, the form)
 */
public record ApiCall(
    RequestContext context,
    String method,
    String target,
    String contentType,
    Map<String, String> query,
    byte[] body) {
  public String requestId() {
    return context.requestId();
  }
}
