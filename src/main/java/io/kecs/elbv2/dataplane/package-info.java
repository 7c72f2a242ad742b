/**
 * The ELBv2 data plane: requests whose Host is a load balancer's DNS name are served as its
 * listener would (one evaluator of listener rules for every runtime), forwarded to targets through
 * Jetty's proxy, and targets are health-checked with their group's settings.
 */
package io.kecs.elbv2.dataplane;
