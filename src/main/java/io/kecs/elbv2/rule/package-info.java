/**
 * Listener rules: priorities, conditions (host-header, path-pattern, http-header,
 * http-request-method, query-string, source-ip) and actions (forward with weighted target groups
 * and stickiness, redirect, fixed-response, authenticate-*) with ELBv2's rules; each listener's
 * default rule mirrors its default actions.
 */
package io.kecs.elbv2.rule;
