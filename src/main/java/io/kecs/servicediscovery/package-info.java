/**
 * AWS Cloud Map (service discovery) as a KECS module: namespaces, services, instances, operations,
 * tags and discovery over the store, and a DNS server for the DNS namespaces. Sub-packages hold one
 * aggregate each; {@link io.kecs.servicediscovery.CloudMapApi} builds and binds them.
 */
package io.kecs.servicediscovery;
