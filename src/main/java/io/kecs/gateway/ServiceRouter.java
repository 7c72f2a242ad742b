package io.kecs.gateway;

import io.kecs.identity.SigV4Credential;
import io.kecs.protocol.ServiceModule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the AWS service of a request the way AWS clients address it, in this order: the SigV4
 * credential scope's service (Authorization header, or X-Amz-Credential of a presigned URL), the
 * {@code X-Amz-Target} prefix, the awsQuery {@code Action} with its {@code Version}, and last the
 * Host header ({@code bucket.s3.localhost}, {@code sqs.us-east-1.amazonaws.com}). What no module
 * serves goes to the AWS backend. The one place that branches on the service of a request.
 */
public final class ServiceRouter {
  private final List<ServiceModule> modules;
  private final Map<String, ServiceModule> bySigningName = new HashMap<>();
  private final Map<String, ServiceModule> byTargetPrefix = new HashMap<>();

  public ServiceRouter(List<ServiceModule> modules) {
    this.modules = List.copyOf(modules);
    for (ServiceModule m : this.modules) {
      if (bySigningName.putIfAbsent(m.signingName(), m) != null) {
        throw new IllegalArgumentException("Two modules sign as " + m.signingName());
      }
      m.targetPrefixes().forEach(p -> byTargetPrefix.put(p, m));
    }
  }

  public List<ServiceModule> modules() {
    return modules;
  }

  public Route route(RoutingRequest request) {
    Optional<SigV4Credential> credential = request.credential();
    if (credential.isPresent()) {
      return bySigningName(credential.get().service(), request, "SigV4 credential scope");
    }
    String target = request.target();
    if (target != null) {
      int dot = target.indexOf('.');
      String prefix = dot < 0 ? target : target.substring(0, dot);
      ServiceModule module = byTargetPrefix.get(prefix);
      return module != null
          ? new Route.ToModule(module, "X-Amz-Target")
          : new Route.ToBackend(null, "X-Amz-Target");
    }
    String action = request.queryParameter("Action");
    if (action != null) {
      return byAction(action, request.queryParameter("Version"));
    }
    String service = HostNames.serviceOf(request.host());
    if (service != null) {
      return bySigningName(service, request, "Host");
    }
    return new Route.ToBackend(null, "nothing names a service");
  }

  private Route bySigningName(String service, RoutingRequest request, String rule) {
    ServiceModule module = bySigningName.get(service);
    if (module == null) {
      return new Route.ToBackend(service, rule);
    }
    // One signing name, two APIs: elasticloadbalancing is ELBv2 (2015-12-01) and the classic ELB
    // (2012-06-01); the Version tells them apart.
    String version = request.queryParameter("Version");
    if (module.queryVersion().isPresent()
        && version != null
        && !module.queryVersion().get().equals(version)) {
      return new Route.ToBackend(service, rule + " and Version");
    }
    return new Route.ToModule(module, rule);
  }

  private Route byAction(String action, String version) {
    for (ServiceModule m : modules) {
      if (m.queryVersion().isEmpty()) {
        continue;
      }
      boolean sameVersion = m.queryVersion().get().equals(version);
      // Without a Version the module that has the action answers (it reports the missing
      // parameter in its own protocol); action names alone are not unique across services.
      if (sameVersion || (version == null && m.operationNames().contains(action))) {
        return new Route.ToModule(m, "awsQuery Action and Version");
      }
    }
    return new Route.ToBackend(null, "awsQuery Action and Version");
  }
}
