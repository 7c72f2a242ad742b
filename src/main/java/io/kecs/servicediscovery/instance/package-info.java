/**
 * Cloud Map instances: registration, health (custom health status), and discovery
 * (DiscoverInstances, DiscoverInstancesRevision). {@link
 * io.kecs.servicediscovery.instance.InstanceRegistry} is the read side the DNS server uses.
 */
package io.kecs.servicediscovery.instance;
