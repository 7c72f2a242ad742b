/**
 * The DNS server for Cloud Map DNS namespaces (dnsjava for the wire format): {@link
 * io.kecs.servicediscovery.dns.DnsAnswerer} turns a query into an answer from the registry, {@link
 * io.kecs.servicediscovery.dns.DnsServer} serves it over UDP and TCP.
 */
package io.kecs.servicediscovery.dns;
