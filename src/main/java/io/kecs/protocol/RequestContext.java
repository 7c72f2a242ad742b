package io.kecs.protocol;

import io.kecs.identity.Scope;

/** Who is calling and where: the account and region every resource of the call belongs to. */
public record RequestContext(String requestId, Scope scope) {
  public String account() {
    return scope.account();
  }

  public String region() {
    return scope.region();
  }
}
