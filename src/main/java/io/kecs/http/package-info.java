/**
 * The HTTP edge: Jetty connectors for the API and admin ports, dispatch of AWS calls by {@code
 * X-Amz-Target} to the protocol services, the {@code /_kecs} endpoints and metrics.
 */
package io.kecs.http;
