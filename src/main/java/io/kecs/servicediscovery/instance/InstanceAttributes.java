package io.kecs.servicediscovery.instance;

import io.kecs.servicediscovery.common.Checks;
import io.kecs.servicediscovery.error.InvalidInput;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/** The attributes of RegisterInstance: the AWS_ keys the service's DNS records need, and limits. */
final class InstanceAttributes {
  static final String IPV4 = "AWS_INSTANCE_IPV4";
  static final String IPV6 = "AWS_INSTANCE_IPV6";
  static final String PORT = "AWS_INSTANCE_PORT";
  static final String CNAME = "AWS_INSTANCE_CNAME";
  static final String ALIAS = "AWS_ALIAS_DNS_NAME";
  static final String EC2 = "AWS_EC2_INSTANCE_ID";
  static final String INIT_HEALTH = "AWS_INIT_HEALTH_STATUS";
  static final int MAX_CUSTOM = 30;
  private static final Set<String> RESERVED =
      Set.of(IPV4, IPV6, PORT, CNAME, ALIAS, EC2, INIT_HEALTH);
  private static final Pattern IPV4_TEXT =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F:.]{2,45}");
  private static final Pattern INSTANCE_ID = Pattern.compile("^[0-9a-zA-Z_/:.@-]+$");

  private InstanceAttributes() {}

  static void instanceId(String id) {
    Checks.maxLength("InstanceId", id, 64);
    Checks.matches("InstanceId", id, INSTANCE_ID);
  }

  static void check(Service service, Map<String, String> attributes) {
    int custom = 0;
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().length() > 255 || e.getValue().length() > 1024) {
        throw new InvalidInput("Attribute keys are 1 to 255 characters, values at most 1024.");
      }
      if (!RESERVED.contains(e.getKey())) {
        custom++;
      }
    }
    if (custom > MAX_CUSTOM) {
      throw new InvalidInput("An instance can have at most " + MAX_CUSTOM + " custom attributes.");
    }
    String ipv4 = attributes.get(IPV4);
    if (ipv4 != null && !IPV4_TEXT.matcher(ipv4).matches()) {
      throw new InvalidInput(IPV4 + " '" + ipv4 + "' is not an IPv4 address.");
    }
    String ipv6 = attributes.get(IPV6);
    if (ipv6 != null
        && !(ipv6.contains(":") && IPV6_TEXT.matcher(ipv6).matches() && parses(ipv6))) {
      throw new InvalidInput(IPV6 + " '" + ipv6 + "' is not an IPv6 address.");
    }
    String port = attributes.get(PORT);
    if (port != null && !validPort(port)) {
      throw new InvalidInput(PORT + " '" + port + "' is not a port number (0 to 65535).");
    }
    String init = attributes.get(INIT_HEALTH);
    if (init != null) {
      if (service.healthCheckCustomConfig() == null) {
        throw new InvalidInput(INIT_HEALTH + " needs a service with HealthCheckCustomConfig.");
      }
      if (!init.equals("HEALTHY") && !init.equals("UNHEALTHY")) {
        throw new InvalidInput(INIT_HEALTH + " must be HEALTHY or UNHEALTHY.");
      }
    }
    if (service.dnsConfig() != null) {
      records(service, attributes);
    }
  }

  private static void records(Service service, Map<String, String> attributes) {
    boolean alias = attributes.containsKey(ALIAS);
    Set<RecordType> types = ServiceRecordTypes.of(service.dnsConfig().dnsRecords());
    if (alias) {
      if (service.dnsConfig().routingPolicy() != RoutingPolicy.WEIGHTED
          || !(types.contains(RecordType.A) || types.contains(RecordType.AAAA))) {
        throw new InvalidInput(ALIAS + " needs a WEIGHTED service with an A or AAAA record.");
      }
      if (attributes.keySet().stream().anyMatch(k -> k.startsWith("AWS_INSTANCE_"))) {
        throw new InvalidInput("With " + ALIAS + ", don't specify AWS_INSTANCE_ attributes.");
      }
      return;
    }
    require(types, RecordType.A, attributes, IPV4);
    require(types, RecordType.AAAA, attributes, IPV6);
    require(types, RecordType.SRV, attributes, PORT);
    require(types, RecordType.CNAME, attributes, CNAME);
    if (types.equals(Set.of(RecordType.SRV))
        && !attributes.containsKey(IPV4)
        && !attributes.containsKey(IPV6)) {
      throw new InvalidInput("An SRV record needs " + IPV4 + " or " + IPV6 + ".");
    }
  }

  private static void require(
      Set<RecordType> types, RecordType type, Map<String, String> attributes, String key) {
    if (types.contains(type) && !attributes.containsKey(key)) {
      throw new InvalidInput("The service has an " + type + " record, so " + key + " is required.");
    }
  }

  private static boolean parses(String ipv6) {
    try {
      return java.net.InetAddress.getByName(ipv6) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static boolean validPort(String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return Integer.parseInt(port) <= 65535;
  }
}
