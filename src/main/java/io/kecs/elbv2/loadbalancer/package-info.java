/**
 * Load balancers (application, network, gateway): creation with ELBv2's rules for names, schemes,
 * subnets and security groups; attributes per type; subnets, security groups and IP address type
 * changed later; capacity reservations and IPAM pools as stored settings.
 */
package io.kecs.elbv2.loadbalancer;
