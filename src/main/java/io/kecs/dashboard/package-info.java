/**
 * The web dashboard served under {@code /_kecs/ui/} on the API port: its static assets (packaged in
 * the jar, no CDN), a server-sent-events stream of store changes, and two small JSON reads (the
 * scopes that hold state, a service's running count over the last hour). The page itself reads and
 * acts only through KECS's own ECS API, like any other client.
 */
package io.kecs.dashboard;
