package io.kecs.gateway;

import io.kecs.identity.SigV4Credential;
import java.util.Map;
import java.util.Optional;

/**
 * What the router looks at, taken from the HTTP request: no Jetty types, so routing is a pure
 * function tested with a table of real request shapes.
 *
 * @param host the Host header without the port, lower case
 * @param target the {@code X-Amz-Target} header, or null
 * @param query decoded query parameters (first value of each)
 * @param form decoded form parameters of a {@code application/x-www-form-urlencoded} body, else
 *     empty
 */
public record RoutingRequest(
    String method,
    String host,
    String authorization,
    String target,
    Map<String, String> query,
    Map<String, String> form) {

  public RoutingRequest {
    host = host == null ? "" : host;
    query = Map.copyOf(query);
    form = Map.copyOf(form);
  }

  /** The SigV4 scope, from the Authorization header or a presigned URL's X-Amz-Credential. */
  public Optional<SigV4Credential> credential() {
    Optional<SigV4Credential> header = SigV4Credential.fromAuthorization(authorization);
    return header.isPresent()
        ? header
        : SigV4Credential.fromPresigned(query.get("X-Amz-Credential"));
  }

  /** An awsQuery parameter (Action, Version): the form first, then the query string. */
  public String queryParameter(String name) {
    String value = form.get(name);
    return value != null ? value : query.get(name);
  }
}
