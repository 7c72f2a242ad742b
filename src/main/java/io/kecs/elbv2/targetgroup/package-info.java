/**
 * Target groups: target types, protocols and versions, health check settings with ELBv2's
 * per-protocol defaults and bounds, attributes per protocol and target type.
 */
package io.kecs.elbv2.targetgroup;
