/**
 * Listeners: protocols and ports per load balancer type, default actions (kept in step with the
 * listener's default rule), certificates and TLS policies, ALPN, mutual TLS settings, attributes.
 */
package io.kecs.elbv2.listener;
