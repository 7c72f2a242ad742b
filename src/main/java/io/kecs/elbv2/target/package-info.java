/**
 * Targets of target groups: registration with ELBv2's checks per target type, deregistration with
 * the group's deregistration delay (state {@code draining}), and target health.
 */
package io.kecs.elbv2.target;
