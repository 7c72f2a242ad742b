/**
 * The ELBv2 error types, one class per modeled error code, named exactly after the code (ELBv2's
 * codes drop the model's {@code Exception} suffix: {@code DuplicateLoadBalancerName}), plus {@code
 * ValidationError} for requests that break the model or ELBv2's rules.
 */
package io.kecs.elbv2.error;
