package io.kecs.gateway;

import io.kecs.protocol.ServiceModule;

/** Where the router sends a request, and by which rule (for logs and the routing docs). */
public sealed interface Route {
  String rule();

  /** A service KECS serves itself. */
  record ToModule(ServiceModule module, String rule) implements Route {}

  /**
   * Everything else: the AWS backend. {@code service} is the signing name the request named, or
   * null when nothing in it says which service it is for.
   */
  record ToBackend(String service, String rule) implements Route {}
}
