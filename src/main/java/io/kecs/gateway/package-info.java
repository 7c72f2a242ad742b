/**
 * The one place that decides which AWS service a request is for: the {@link
 * io.kecs.gateway.ServiceRouter} (SigV4 scope, then X-Amz-Target, then awsQuery Action and Version,
 * then Host), the table of services KECS serves itself ({@link io.kecs.protocol.ServiceModule}),
 * and the {@link io.kecs.gateway.BackendProxy} that forwards everything else, unchanged, to the
 * configured AWS backend. Nothing else in KECS branches on the service of a request.
 */
package io.kecs.gateway;
