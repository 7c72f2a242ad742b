package io.kecs.elbv2.dataplane;

import io.kecs.elbv2.common.Elbv2Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/**
 * Serves requests whose Host is a load balancer's DNS name as that load balancer's listener ({@link
 * ListenerChooser} says which): the first matching rule's action answers (fixed response, redirect)
 * or forwards to a target of the chosen group. Every other request goes on to the next handler (the
 * API).
 */
public final class DataPlaneHandler extends Handler.Wrapper {
  private final Elbv2Tables tables;
  private final TargetPicker targets;
  private final TargetAddresses addresses;
  private final TargetProxy proxy;
  private final ListenerPorts ports;

  DataPlaneHandler(
      Handler next,
      Elbv2Tables tables,
      TargetPicker targets,
      TargetAddresses addresses,
      TargetProxy proxy,
      ListenerPorts ports) {
    super(next);
    this.ports = ports;
    this.tables = tables;
    this.targets = targets;
    this.addresses = addresses;
    this.proxy = proxy;
    addBean(proxy);
  }

  /** The proxy is a bean, not the wrapped handler: it is given the server here. */
  @Override
  public void setServer(org.eclipse.jetty.server.Server server) {
    super.setServer(server);
    proxy.setServer(server);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Integer onPort = ports.portOf(request);
    HostHeader host = HostHeader.parse(request.getHeaders().get(HttpHeader.HOST));
    Optional<LoadBalancer> lb =
        host != null && host.isLoadBalancer() ? byDnsName(host.name()) : Optional.empty();
    if (onPort == null && lb.isEmpty()) {
      return super.handle(request, response, callback);
    }
    if (lb.isEmpty()) {
      // On a listener's own port without a load balancer's name: the one load balancer there.
      lb = onlyOneListeningOn(onPort);
    }
    Optional<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener> listener =
        lb.isEmpty()
            ? Optional.empty()
            : onPort != null
                ? tables.listenersOf(lb.get().loadBalancerArn()).stream()
                    .filter(l -> ListenerChooser.served(l) && onPort.equals(l.port()))
                    .findFirst()
                : ListenerChooser.choose(
                    tables.listenersOf(lb.get().loadBalancerArn()), host.port());
    if (listener.isEmpty()) {
      ErrorPages.error(response, 503, "Service Temporarily Unavailable", callback);
      return true;
    }
    if (host == null) {
      host = new HostHeader("", null);
    }
    HttpRequestView view = RequestViews.of(request, host);
    Optional<Action> action =
        RuleEvaluator.choose(tables.rulesOf(listener.get().listenerArn()), view)
            .map(Rule::actions)
            .flatMap(RuleEvaluator::finalAction);
    if (action.isEmpty()) {
      ErrorPages.error(response, 503, "Service Temporarily Unavailable", callback);
      return true;
    }
    int clientPort = host.port() != null ? host.port() : Request.getLocalPort(request);
    return switch (action.get().typeAsString()) {
      case "fixed-response" -> fixed(action.get().fixedResponseConfig(), response, callback);
      case "redirect" -> {
        var c = action.get().redirectConfig();
        response
            .getHeaders()
            .put(
                HttpHeader.LOCATION,
                Redirects.location(
                    c,
                    "HTTP",
                    host.name(),
                    clientPort,
                    view.path(),
                    request.getHttpURI().getQuery()));
        ErrorPages.write(response, Redirects.status(c), "text/html", "", callback);
        yield true;
      }
      default ->
          forward(
              action.get(),
              listener.get(),
              request.getHeaders().get(HttpHeader.HOST),
              request,
              response,
              callback);
    };
  }

  private Optional<LoadBalancer> onlyOneListeningOn(int port) {
    List<LoadBalancer> there = new ArrayList<>();
    for (LoadBalancer lb : tables.loadBalancers.all()) {
      if (tables.listenersOf(lb.loadBalancerArn()).stream()
          .anyMatch(l -> ListenerChooser.served(l) && Integer.valueOf(port).equals(l.port()))) {
        there.add(lb);
      }
    }
    return there.size() == 1 ? Optional.of(there.get(0)) : Optional.empty();
  }

  private Optional<LoadBalancer> byDnsName(String name) {
    for (LoadBalancer lb : tables.loadBalancers.all()) {
      if (name.equalsIgnoreCase(lb.dnsName())) {
        return Optional.of(lb);
      }
    }
    return Optional.empty();
  }

  private static boolean fixed(FixedResponseActionConfig c, Response response, Callback callback) {
    ErrorPages.write(
        response,
        Integer.parseInt(c.statusCode()),
        c.contentType() == null ? "text/plain; charset=utf-8" : c.contentType(),
        c.messageBody(),
        callback);
    return true;
  }

  private boolean forward(
      Action action,
      software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener listener,
      String hostHeader,
      Request request,
      Response response,
      Callback callback)
      throws Exception {
    String cookie = cookie(request, ForwardChooser.COOKIE);
    ForwardChooser.Choice group =
        ForwardChooser.choose(action, cookie, n -> ThreadLocalRandom.current().nextInt(n));
    Optional<TargetPicker.Pick> pick =
        group.targetGroupArn() == null
            ? Optional.empty()
            : targets.pick(group.targetGroupArn(), cookie(request, TargetStickiness.COOKIE));
    if (pick.isEmpty()) {
      ErrorPages.error(response, 503, "Service Temporarily Unavailable", callback);
      return true;
    }
    if (group.stickySeconds() != null) {
      response
          .getHeaders()
          .add(
              HttpHeader.SET_COOKIE,
              ForwardChooser.COOKIE
                  + "="
                  + ForwardChooser.encode(group.targetGroupArn())
                  + "; Max-Age="
                  + group.stickySeconds()
                  + "; Path=/");
    }
    TargetDescription target = pick.get().target();
    if (pick.get().stickySeconds() != null) {
      response
          .getHeaders()
          .add(
              HttpHeader.SET_COOKIE,
              TargetStickiness.COOKIE
                  + "="
                  + TargetStickiness.encode(pick.get().key())
                  + "; Max-Age="
                  + pick.get().stickySeconds()
                  + "; Path=/");
    }
    request.setAttribute(
        TargetProxy.FORWARD,
        new TargetProxy.Forward(
            addresses.resolve(target.id(), target.port()), listener.port(), hostHeader));
    return proxy.handle(request, response, callback);
  }

  private static String cookie(Request request, String name) {
    for (HttpCookie c : Request.getCookies(request)) {
      if (name.equals(c.getName())) {
        return c.getValue();
      }
    }
    return null;
  }
}
