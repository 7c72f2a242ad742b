package io.kecs.servicediscovery;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service Connect client aliases: a DNS name (short like {@code db} or qualified) and the Cloud Map
 * service whose instances it resolves to. In ECS only tasks of the namespace resolve these names
 * (the Service Connect agent writes them into each task); KECS answers them on its DNS server. Held
 * in memory: ECS writes them again from its services on every start.
 */
final class ClientAliases {
  private final Map<String, String> byName = new ConcurrentHashMap<>();

  void put(String dnsName, String serviceArn) {
    byName.put(key(dnsName), serviceArn);
  }

  Optional<String> serviceArn(String dnsName) {
    return Optional.ofNullable(byName.get(key(dnsName)));
  }

  void clear() {
    byName.clear();
  }

  private static String key(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
